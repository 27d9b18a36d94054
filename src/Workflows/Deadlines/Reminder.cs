namespace EvalWorkflow.Workflows.Deadlines;

/// <summary>Who a reminder is for: whoever holds the evaluation now, or (when long overdue) the unit head and the finance administrator.</summary>
public enum ReminderKind
{
    Holder,
    Escalation,
}

/// <summary>
/// A reminder that was sent. Its unique key (evaluation, stage, due date, offset, kind) is what makes each reminder go out
/// exactly once, whatever the number of scans, restarts or app instances: a second insert fails and sends nothing.
/// </summary>
/// <remarks><see cref="Offset"/> is working days before the due date: 5, 2, 1 ahead, 0 on the day, −n when n working days overdue.</remarks>
public sealed class Reminder
{
    private Reminder() { }

    public Reminder(Guid evaluationId, string stage, DateOnly dueDate, int offset, ReminderKind kind, DateTime createdAtUtc)
    {
        Id = Guid.NewGuid();
        EvaluationId = evaluationId;
        Stage = stage;
        DueDate = dueDate;
        Offset = offset;
        Kind = kind;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid EvaluationId { get; private set; }
    public string Stage { get; private set; } = "";
    public DateOnly DueDate { get; private set; }
    public int Offset { get; private set; }
    public ReminderKind Kind { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}
