namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>One section of the self-evaluation report, as Markdown.</summary>
public sealed class ReportSection
{
    public const int MaxLength = 50_000;

    private ReportSection() { }

    internal ReportSection(Guid evaluationId, int order, OutlineSection outline)
    {
        Id = Guid.NewGuid();
        EvaluationId = evaluationId;
        Order = order;
        Code = outline.Code;
        Title = outline.Title;
    }

    public Guid Id { get; private set; }
    public Guid EvaluationId { get; private set; }
    public int Order { get; private set; }
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Markdown { get; private set; } = "";

    /// <summary>Concurrency token: a save names the version it was based on.</summary>
    public int Version { get; private set; }

    internal void Replace(string markdown)
    {
        Markdown = markdown;
        Version++;
    }
}
