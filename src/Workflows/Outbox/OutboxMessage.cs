using System.Text.Json;

namespace EvalWorkflow.Workflows.Outbox;

/// <summary>
/// A message written in the same transaction as the change it announces. A dispatcher publishes unsent rows in
/// <see cref="Id"/> order; the row counts as delivered only once every consumer of its type has committed its effect
/// (its consumed-message row exists). Until then it is published again at <see cref="RetryAtUtc"/>, with back-off, so a
/// message the transport accepted and lost in a crash still arrives. Consumers are idempotent by <see cref="EventId"/>.
/// A dispatcher claims the rows it publishes (<see cref="ClaimToken"/>), so that with several nodes each row is published once.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The longest wait between two publications of an undelivered message.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private OutboxMessage() { }

    public long Id { get; private set; }
    public Guid EventId { get; private set; }
    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When it was last published; null until the first time.</summary>
    public DateTime? SentAtUtc { get; private set; }

    /// <summary>How many times it has been published.</summary>
    public int Attempts { get; private set; }

    /// <summary>When to publish it again if it is still not delivered; null before the first publication and once delivered.</summary>
    public DateTime? RetryAtUtc { get; private set; }

    /// <summary>When every consumer was seen to have committed its effect.</summary>
    public DateTime? DeliveredAtUtc { get; private set; }

    /// <summary>The dispatcher pass that claimed the row to publish it; null when no pass holds it.</summary>
    public Guid? ClaimToken { get; private set; }

    /// <summary>Until then no other dispatcher (on this node or another) publishes the row; after it, the claim has lapsed.</summary>
    public DateTime? ClaimedUntilUtc { get; private set; }

    public static OutboxMessage For<T>(Guid eventId, T message, DateTime nowUtc) where T : class => new()
    {
        EventId = eventId,
        Type = typeof(T).FullName!,
        Payload = JsonSerializer.Serialize(message),
        CreatedAtUtc = nowUtc,
    };

    /// <summary>
    /// Records a publication: if it is not delivered by then, it is published again after <paramref name="redeliverAfter"/>,
    /// doubled with each further attempt up to <see cref="MaxRetryDelay"/>.
    /// </summary>
    public void MarkSent(DateTime nowUtc, TimeSpan redeliverAfter)
    {
        (ClaimToken, ClaimedUntilUtc) = (null, null);
        Attempts++;
        SentAtUtc = nowUtc;
        var delay = redeliverAfter * Math.Pow(2, Math.Min(Attempts - 1, 20));
        RetryAtUtc = nowUtc + (delay < MaxRetryDelay ? delay : MaxRetryDelay);
    }
}
