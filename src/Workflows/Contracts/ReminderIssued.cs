namespace EvalWorkflow.Workflows.Contracts;

/// <summary>To whom a reminder goes: the evaluation's holder now, or (escalation) the unit head and the finance administrators.</summary>
public enum ReminderAudience
{
    Holder,
    Escalation,
}

/// <summary>
/// A deadline reminder or a finance administrator's 催报, written to the outbox with the row that makes it unique.
/// The consumer finds the people from the holder role and scope as they are when it runs.
/// </summary>
public sealed record ReminderIssued(
    Guid EventId,
    Guid EvaluationId,
    ReminderAudience Audience,
    string Title,
    string Body,
    string? HolderRole,
    string? ClaimedById,
    Guid UnitId,
    Guid? ParentUnitId,
    Guid FinanceBureauId,
    DateTime OccurredAtUtc);
