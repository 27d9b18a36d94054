using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EvalWorkflow.Workflows.Persistence.Postgres;

/// <summary>
/// One node at a time runs the start-up (migrations, built-in data, backfills, the demo) on a PostgreSQL database: a
/// session-level advisory lock, held on a connection of its own for the whole start-up. Nodes started together wait in
/// turn, and each finds the work of those before it done (the seeding is idempotent by natural keys). The server drops
/// the lock when the holder's connection closes, so a node killed mid-start leaves nothing behind. The wait is logged.
/// </summary>
public sealed partial class StartupLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key: "EvalWork" in ASCII, a number no other application on the server is likely to use.</summary>
    public const long Key = 0x4576616C576F726B;

    private readonly NpgsqlConnection connection;

    private StartupLock(NpgsqlConnection connection) => this.connection = connection;

    public static async Task<StartupLock> AcquireAsync(AppDbContext db, ILogger logger, TimeSpan logEvery, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        var waited = Stopwatch.StartNew();
        var lastLog = TimeSpan.Zero;
        while (!await TryLockAsync(connection, ct))
        {
            if (waited.Elapsed - lastLog >= logEvery)
            {
                lastLog = waited.Elapsed;
                LogWaiting(logger, waited.Elapsed.TotalSeconds);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        return new StartupLock(connection);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", Key);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the session releases the lock; unlocking first makes it plain in the server's log.
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
        {
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteScalarAsync();
        }

        await connection.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting {Seconds:0} s for another node's start-up (PostgreSQL advisory lock)")]
    private static partial void LogWaiting(ILogger logger, double seconds);
}
