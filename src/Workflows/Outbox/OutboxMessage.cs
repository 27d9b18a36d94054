using System.Text.Json;

namespace EvalWorkflow.Workflows.Outbox;

/// <summary>
/// A message written in the same transaction as the change it announces. A dispatcher publishes unsent rows in
/// <see cref="Id"/> order and marks them sent; consumers are idempotent by <see cref="EventId"/>.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public long Id { get; private set; }
    public Guid EventId { get; private set; }
    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }

    public static OutboxMessage For<T>(Guid eventId, T message, DateTime nowUtc) where T : class => new()
    {
        EventId = eventId,
        Type = typeof(T).FullName!,
        Payload = JsonSerializer.Serialize(message),
        CreatedAtUtc = nowUtc,
    };

    public void MarkSent(DateTime nowUtc) => SentAtUtc = nowUtc;
}
