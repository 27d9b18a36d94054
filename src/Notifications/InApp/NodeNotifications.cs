using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EvalWorkflow.Notifications.InApp;

/// <summary>
/// Live updates across nodes on PostgreSQL: after a consumer commits notifications, it tells every node through
/// <c>NOTIFY</c> on one channel, and each node's listener raises its own <see cref="NotificationFeed"/> for its open pages.
/// A node skips its own messages (it raised its feed already). The push is a hint: the counts are always read from the
/// database, so a hint lost with a dying node costs only a live update, never a notification.
/// </summary>
public sealed partial class NodeNotifications(IServiceScopeFactory scopes, NotificationFeed feed, ILogger<NodeNotifications> logger)
    : BackgroundService
{
    public const string Channel = "evalworkflow_notifications";

    /// <summary>This process, so that it can tell its own messages from the other nodes'.</summary>
    public static readonly string Node = Guid.NewGuid().ToString("N");

    /// <summary>NOTIFY's payload is limited to 8,000 bytes: user ids (36 characters) go out in chunks.</summary>
    private const int IdsPerMessage = 150;

    /// <summary>Tells the other nodes (PostgreSQL only; on SQLite there is one node).</summary>
    public static async Task TellOthersAsync(AppDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql() || userIds.Count == 0)
        {
            return;
        }

        foreach (var chunk in userIds.Chunk(IdsPerMessage))
        {
            var payload = $"{Node}|{string.Join(',', chunk)}";
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!db.Database.IsNpgsql())
            {
                return;
            }

            connectionString = db.Database.GetConnectionString()!;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        connection.Notification += (_, message) =>
        {
            var parts = message.Payload.Split('|', 2);
            if (parts.Length == 2 && parts[0] != Node)
            {
                feed.Raise(parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        while (!ct.IsCancellationRequested)
        {
            await connection.WaitAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other nodes' notifications failed; listening again in 5 s")]
    private partial void LogListenFailed(Exception exception);
}
