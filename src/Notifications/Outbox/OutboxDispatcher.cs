using System.Text.Json;
using EvalWorkflow.Workflows.Contracts;
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
}

/// <summary>
/// Publishes unsent outbox rows through MassTransit in order, then marks them sent. A crash between the two
/// publishes a row again after restart; consumers are idempotent by event id, so the effect happens once.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private static readonly Dictionary<string, Type> Contracts = new[] { typeof(EvaluationActed), typeof(ReminderIssued) }
        .ToDictionary(t => t.FullName!);

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

    /// <returns>How many messages were published.</returns>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var batch = await db.OutboxMessages.Where(m => m.SentAtUtc == null)
            .OrderBy(m => m.Id).Take(options.Value.BatchSize).ToListAsync(ct);
        foreach (var message in batch)
        {
            if (!Contracts.TryGetValue(message.Type, out var type))
            {
                throw new InvalidOperationException($"Outbox message {message.Id} has unknown type {message.Type}.");
            }

            var payload = JsonSerializer.Deserialize(message.Payload, type)!;
            await bus.Publish(payload, type, ct);
            message.MarkSent(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }

        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed; retrying")]
    private partial void LogDispatchFailed(Exception ex);
}
