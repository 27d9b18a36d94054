namespace EvalWorkflow.Workflows.Organisation;

/// <summary>A finance bureau (财政局): owns rounds, reviews and publishes.</summary>
public sealed class FinanceBureau
{
    private FinanceBureau() { }

    public FinanceBureau(string name)
    {
        Id = Guid.NewGuid();
        Name = name;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
}
