using EvalWorkflow.Workflows.Definitions;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>
/// One person's part in one evaluation: their last row in its history, the line of their 已办. Kept by
/// <see cref="HistoryChain"/> with every history row, in the row's transaction. The scope columns are copies of the
/// evaluation's (which never change), so a person's list is counted and paged in this table alone, without reading
/// their history rows or the evaluations.
/// </summary>
public sealed class Involvement
{
    private Involvement() { }

    internal Involvement(Evaluation evaluation, EvaluationEvent entry)
    {
        UserId = entry.ActorId;
        EvaluationId = evaluation.Id;
        UnitId = evaluation.UnitId;
        ParentUnitId = evaluation.ParentUnitId;
        FinanceBureauId = evaluation.FinanceBureauId;
        Record(entry);
    }

    public string UserId { get; private set; } = "";
    public Guid EvaluationId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid? ParentUnitId { get; private set; }
    public Guid FinanceBureauId { get; private set; }
    public WorkflowAct LastAct { get; private set; }
    public DateTime LastActAtUtc { get; private set; }

    /// <summary>The person's newest row on the evaluation: it is now their last act.</summary>
    internal void Record(EvaluationEvent entry) => (LastAct, LastActAtUtc) = (entry.Act, entry.OccurredAtUtc);
}
