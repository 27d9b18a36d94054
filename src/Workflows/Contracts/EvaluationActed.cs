namespace EvalWorkflow.Workflows.Contracts;

/// <summary>Raised in the same transaction as an act; delivered later from the outbox. <see cref="EventId"/> is the history row's id.</summary>
public sealed record EvaluationActed(
    Guid EventId,
    Guid EvaluationId,
    string Act,
    string FromStage,
    string ToStage,
    string ToStageName,
    string? ToStageHolderRole,
    string ActorId,
    string ActorName,
    string? Comment,
    Guid UnitId,
    string UnitName,
    Guid? ParentUnitId,
    Guid FinanceBureauId,
    string RoundTitle,
    DateTime OccurredAtUtc);
