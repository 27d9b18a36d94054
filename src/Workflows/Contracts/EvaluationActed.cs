namespace EvalWorkflow.Workflows.Contracts;

/// <summary>Raised in the same transaction as an act; delivered later from the outbox. <see cref="EventId"/> is the history row's id.</summary>
/// <param name="ClaimedById">Who holds the task in the stage it came to, when that stage is a shared queue and someone does
/// (the reviewer who returned it, or the one it was handed over to): then only they are told. Null in messages written before it.</param>
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
    DateTime OccurredAtUtc,
    string? ClaimedById = null);
