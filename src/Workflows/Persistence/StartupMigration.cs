using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Workflows.Persistence;

/// <summary>
/// Applies the migrations at start-up so that a start never waits in silence, and never waits for ever on a migration
/// lock left by a process that died while migrating.
/// </summary>
/// <remarks>
/// EF Core's SQLite provider locks by inserting row 1 into <c>__EFMigrationsLock</c> (committed on its own, outside any
/// transaction) and deletes it when done; a second migrator retries the insert every second, without end and without a
/// log line. A <c>kill -9</c> in between leaves the row for ever, and no SQLite lock tells whether its writer still
/// lives: between statements a live migrator holds none. So every instance of this app migrates only while it holds an
/// OS lock on a file beside the database (<see cref="MigrationGate"/>), which the OS drops when the process dies. The
/// holder of that gate knows that no other instance is migrating; a row it finds is stale when the gate's previous
/// holder died after the row was written, or when the row is older than <see cref="StaleAfter"/> (a migrator outside
/// the app, such as <c>dotnet ef database update</c>, does not take the gate; the age keeps its lock safe).
/// PostgreSQL needs none of this: Npgsql's history repository locks with
/// <c>LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE</c> inside the migration transaction, a lock the
/// server drops when the transaction or its session ends; only the wait is logged there.
/// </remarks>
public sealed partial class StartupMigration(AppDbContext db, ILogger logger)
{
    public const string LockTable = "__EFMigrationsLock";

    /// <summary>A lock row this old is stale even when no dead instance of this app is known to have written it.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a wait is logged.</summary>
    public TimeSpan LogEvery { get; init; } = TimeSpan.FromSeconds(5);

    public async Task MigrateAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite() || DatabaseFile() is not { } file)
        {
            await WatchAsync(db.Database.MigrateAsync(ct), () => Task.FromResult(
                "the migration lock (on PostgreSQL a table lock on __EFMigrationsHistory, held by the migrating transaction)"), ct);
            return;
        }

        RestoreWritableSidecars(file);
        await using var gate = await MigrationGate.AcquireAsync(file + ".migrating", logger, LogEvery, ct);
        if (gate.Held)
        {
            await ReleaseStaleLockAsync(gate.PreviousHolderSince, ct);
        }

        await WatchAsync(db.Database.MigrateAsync(ct), async () => await DescribeLockAsync(ct), ct);
    }

    /// <summary>
    /// Gives the <c>-wal</c> and <c>-shm</c> files back the write permission of the database file. SQLite creates them
    /// with the database file's mode, and a connection to a read-only database cannot remove them when it closes: after
    /// a start on a read-only file they stay read-only, and once the file's permission is fixed every later start fails
    /// with "attempt to write a readonly database". Changing a file's mode does not disturb a process that has it open.
    /// </summary>
    private void RestoreWritableSidecars(string file)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
        {
            return;
        }

        const UnixFileMode writeBits = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        var wanted = File.GetUnixFileMode(file) & writeBits;
        foreach (var sidecar in new[] { file + "-wal", file + "-shm" })
        {
            if (!File.Exists(sidecar) || (File.GetUnixFileMode(sidecar) & wanted) == wanted)
            {
                continue;
            }

            var mode = File.GetUnixFileMode(sidecar);
            try
            {
                File.SetUnixFileMode(sidecar, mode | wanted);
                LogSidecarRestored(sidecar, Octal(mode), Octal(mode | wanted));
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
            {
                LogSidecarReadOnly(sidecar, Octal(mode), exception.Message);
            }
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8);

    /// <summary>The database file, or null for an in-memory database (no other process can share it).</summary>
    private string? DatabaseFile()
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" ? null : Path.GetFullPath(builder.DataSource);
    }

    private async Task ReleaseStaleLockAsync(DateTimeOffset? previousHolderSince, CancellationToken ct)
    {
        var watched = Stopwatch.StartNew();
        var nextLog = TimeSpan.Zero;
        while (await ReadLockAsync(ct) is { } row)
        {
            // EF writes the row's time from the wall clock, so it is compared with the wall clock, not the app's TimeProvider.
            var age = row.TakenAt is { } takenAt ? DateTimeOffset.UtcNow - takenAt : (TimeSpan?)null;
            var leftByDeadHolder = previousHolderSince is { } since && row.TakenAt >= since - TimeSpan.FromSeconds(1);
            if (leftByDeadHolder || age >= StaleAfter || watched.Elapsed >= StaleAfter)
            {
                if (await DeleteLockAsync(row.Timestamp, ct))
                {
                    LogStaleLockReleased(LockTable, row.Timestamp, Describe(age),
                        leftByDeadHolder ? "an instance of this app stopped while migrating" : $"it is older than {Describe(StaleAfter)} and no instance of this app is migrating");
                }

                continue;
            }

            if (watched.Elapsed >= nextLog)
            {
                LogWaitingForLock(LockTable, row.Timestamp, Describe(age), Describe(StaleAfter));
                nextLog += LogEvery;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private async Task WatchAsync(Task migration, Func<Task<string>> describeLock, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (!ct.IsCancellationRequested && await Task.WhenAny(migration, Task.Delay(LogEvery, ct)) != migration)
        {
            LogStillMigrating(Describe(watch.Elapsed), await describeLock());
        }

        await migration;
    }

    private async Task<string> DescribeLockAsync(CancellationToken ct)
    {
        try
        {
            return await ReadLockAsync(ct) is { } row
                ? $"{LockTable} is held since {row.Timestamp} ({Describe(DateTimeOffset.UtcNow - row.TakenAt)} ago)"
                : $"{LockTable} is free";
        }
        catch (SqliteException exception)
        {
            return $"{LockTable} cannot be read now ({exception.Message})";
        }
    }

    private static string Describe(TimeSpan? span) =>
        span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0} s") : "an unknown time";

    private sealed record LockRow(string Timestamp, DateTimeOffset? TakenAt);

    private async Task<LockRow?> ReadLockAsync(CancellationToken ct)
    {
        if (!File.Exists(DatabaseFile()))
        {
            return null;
        }

        await using var connection = await OpenAsync(ct);
        await using var exists = connection.CreateCommand();
        exists.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{LockTable}'";
        if ((long)(await exists.ExecuteScalarAsync(ct))! == 0)
        {
            return null;
        }

        await using var read = connection.CreateCommand();
        read.CommandText = $"""SELECT "Timestamp" FROM "{LockTable}" WHERE "Id" = 1""";
        return await read.ExecuteScalarAsync(ct) is string timestamp
            ? new LockRow(timestamp, DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null)
            : null;
    }

    /// <summary>Deletes the row only if it is still the one judged stale.</summary>
    private async Task<bool> DeleteLockAsync(string timestamp, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var delete = connection.CreateCommand();
        delete.CommandText = $"""DELETE FROM "{LockTable}" WHERE "Id" = 1 AND "Timestamp" = $timestamp""";
        delete.Parameters.AddWithValue("$timestamp", timestamp);
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        // A short busy timeout: a lock probe must not itself wait long behind a migration's write.
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { DefaultTimeout = 2 };
        var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        return connection;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Released a stale migration lock: the {LockTable} row taken at {TakenAt} ({Age} ago) was left because {Reason}")]
    private partial void LogStaleLockReleased(string lockTable, string takenAt, string age, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Waiting for the migration lock {LockTable}, taken at {TakenAt} ({Age} ago) by a migrator outside this app; released as stale once older than {StaleAfter}")]
    private partial void LogWaitingForLock(string lockTable, string takenAt, string age, string staleAfter);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Made {File} writable again (mode {Old} → {New}): a start on the read-only database had left it read-only")]
    private partial void LogSidecarRestored(string file, string old, string @new);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{File} is read-only (mode {Mode}) while the database file is writable, and cannot be changed ({Reason}): give it the database file's permissions, or writes will fail")]
    private partial void LogSidecarReadOnly(string file, string mode, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migrations still running after {Elapsed}: {LockState}")]
    private partial void LogStillMigrating(string elapsed, string lockState);
}
