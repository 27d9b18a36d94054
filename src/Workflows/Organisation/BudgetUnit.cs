namespace EvalWorkflow.Workflows.Organisation;

/// <summary>A budget unit (预算单位); a sub-unit (二级预算单位) has a parent unit.</summary>
public sealed class BudgetUnit
{
    private BudgetUnit() { }

    public BudgetUnit(string name, Guid financeBureauId, Guid? parentUnitId = null)
    {
        Id = Guid.NewGuid();
        Name = name;
        FinanceBureauId = financeBureauId;
        ParentUnitId = parentUnitId;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Guid FinanceBureauId { get; private set; }
    public Guid? ParentUnitId { get; private set; }
}
