namespace EvalWorkflow.Workflows.Notifications;

/// <summary>An in-app notification (通知) for one user. At most one per (event, user).</summary>
public sealed class Notification
{
    private Notification() { }

    public Notification(Guid eventId, string userId, Guid? evaluationId, string title, string body, DateTime createdAtUtc)
    {
        Id = Guid.NewGuid();
        EventId = eventId;
        UserId = userId;
        EvaluationId = evaluationId;
        Title = title;
        Body = body;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public string UserId { get; private set; } = "";
    public Guid? EvaluationId { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}

/// <summary>Records that a consumer handled an event, in the same transaction as its effect (inbox pattern).</summary>
public sealed class ConsumedMessage
{
    private ConsumedMessage() { }

    public ConsumedMessage(Guid eventId, string consumer, DateTime consumedAtUtc)
    {
        EventId = eventId;
        Consumer = consumer;
        ConsumedAtUtc = consumedAtUtc;
    }

    public Guid EventId { get; private set; }
    public string Consumer { get; private set; } = "";
    public DateTime ConsumedAtUtc { get; private set; }
}
