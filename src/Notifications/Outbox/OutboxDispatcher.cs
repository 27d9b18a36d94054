using System.Text.Json;
using EvalWorkflow.Notifications.InApp;
using EvalWorkflow.Workflows.Contracts;
using EvalWorkflow.Workflows.Outbox;
using EvalWorkflow.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Notifications.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Off only in tests that stop a process between an act and its delivery.</summary>
    public bool DispatchEnabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long a published message may stay without every consumer's consumed-message row before it is published again
    /// (doubled with each attempt, up to an hour). Longer than a consumer's own retries take.
    /// </summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a dispatcher's claim on the rows it publishes lasts: a node that dies holding them frees them then (a batch
    /// publishes in well under a second, so the lease only needs to outlast a slow broker).
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Publishes outbox rows through MassTransit and sees them delivered. A row counts as delivered only when every consumer
/// of its type has committed its effect together with its consumed-message row; until then it is published again with
/// back-off — after a crash that lost it in the in-memory transport, after a consumer gave up, or after a crash between
/// publishing and marking. Consumers are idempotent by event id, so the effect happens once.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    /// <summary>Each contract the outbox carries, and the consumers whose consumed-message rows mean it was delivered.</summary>
    private static readonly Dictionary<string, (Type Contract, string[] Consumers)> Routes = new()
    {
        [typeof(EvaluationActed).FullName!] = (typeof(EvaluationActed), [nameof(EvaluationActedConsumer)]),
        [typeof(ReminderIssued).FullName!] = (typeof(ReminderIssued), [nameof(ReminderIssuedConsumer)]),
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatchEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchBatchAsync(stoppingToken) == 0)
                {
                    await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(ex);
                await Task.Delay(options.Value.PollInterval * 4, clock, stoppingToken);
            }
        }
    }

    /// <summary>Marks what the consumers have committed as delivered, then publishes new rows and undelivered ones that are due.</summary>
    /// <returns>How many messages were published.</returns>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var now = clock.GetUtcNow().UtcDateTime;
        await ConfirmDeliveredAsync(db, now, ct);

        var batch = await ClaimAsync(db, now, ct);
        foreach (var message in batch)
        {
            if (!Routes.TryGetValue(message.Type, out var route))
            {
                throw new InvalidOperationException($"Outbox message {message.Id} has unknown type {message.Type}.");
            }

            if (message.Attempts > 0)
            {
                LogRedelivering(message.Id, message.Type, message.Attempts + 1, message.SentAtUtc);
            }

            var payload = JsonSerializer.Deserialize(message.Payload, route.Contract)!;
            await bus.Publish(payload, route.Contract, ct);
            LogPublished(message.Id, message.Type, message.Attempts + 1);
            message.MarkSent(clock.GetUtcNow().UtcDateTime, options.Value.RedeliverAfter);
            await db.SaveChangesAsync(ct);
        }

        return batch.Count;
    }

    /// <summary>
    /// Claims up to a batch of due rows (new ones first, then undelivered ones whose retry is due) for this pass alone: one
    /// conditional UPDATE that takes only rows still due and unclaimed (or whose claim lapsed). On PostgreSQL a second node's
    /// UPDATE waits for the first's row locks and then finds the rows no longer match; SQLite has one writer. So each row
    /// is published by one dispatcher, however many nodes run one.
    /// </summary>
    private async Task<List<OutboxMessage>> ClaimAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        var size = options.Value.BatchSize;
        var unclaimed = db.OutboxMessages.Where(m => m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now);
        var candidates = await unclaimed.Where(m => m.SentAtUtc == null).OrderBy(m => m.Id).Select(m => m.Id).Take(size).ToListAsync(ct);
        if (candidates.Count < size)
        {
            candidates.AddRange(await unclaimed.Where(m => m.RetryAtUtc != null && m.RetryAtUtc <= now)
                .OrderBy(m => m.RetryAtUtc).ThenBy(m => m.Id).Select(m => m.Id).Take(size - candidates.Count).ToListAsync(ct));
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var token = Guid.NewGuid();
        var until = now + options.Value.ClaimLease;
        await unclaimed.Where(m => candidates.Contains(m.Id) && (m.SentAtUtc == null || (m.RetryAtUtc != null && m.RetryAtUtc <= now)))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedUntilUtc, until), ct);
        return await db.OutboxMessages.Where(m => m.ClaimToken == token).OrderBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>One set-based update per contract: published rows whose every consumer has its consumed-message row.</summary>
    private static async Task ConfirmDeliveredAsync(AppDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        foreach (var (type, route) in Routes)
        {
            var consumers = route.Consumers;
            await db.OutboxMessages
                .Where(m => m.Type == type && m.RetryAtUtc != null
                    && db.ConsumedMessages.Count(c => c.EventId == m.EventId && consumers.Contains(c.Consumer)) == consumers.Length)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.RetryAtUtc, (DateTime?)null)
                    .SetProperty(m => m.DeliveredAtUtc, nowUtc), ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published outbox message {Id} ({Type}), attempt {Attempt}")]
    private partial void LogPublished(long id, string type, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed; retrying")]
    private partial void LogDispatchFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbox message {Id} ({Type}) was not delivered after its last publication at {SentAtUtc:o}; publishing it again (attempt {Attempt})")]
    private partial void LogRedelivering(long id, string type, int attempt, DateTime? sentAtUtc);
}
