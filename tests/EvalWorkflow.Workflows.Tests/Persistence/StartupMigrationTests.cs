using System.Globalization;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Workflows.Tests.Persistence;

/// <summary>
/// A start after a <c>kill -9</c> during migration, on a real SQLite file: EF Core's lock row is left in
/// <c>__EFMigrationsLock</c>, and EF itself would wait for it for ever without a word.
/// </summary>
public sealed class StartupMigrationTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"startup-migration-{Guid.NewGuid():N}.db");
    private readonly ListLogger logs = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".migrating" })
        {
            File.Delete(file + suffix);
        }
    }

    [Fact]
    public async Task A_lock_row_older_than_the_limit_is_released_and_the_database_migrated()
    {
        await MigratedAsync();
        await InsertLockRowAsync(DateTimeOffset.UtcNow.AddHours(-3));

        await MigrateAsync(TimeSpan.FromMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(logs.Has(LogLevel.Warning, "Released a stale migration lock"), string.Join('\n', logs.Lines));
        Assert.Equal(0, await LockRowsAsync());
    }

    [Fact]
    public async Task A_fresh_lock_row_left_by_an_instance_that_died_holding_the_gate_is_released_at_once()
    {
        await MigratedAsync();
        var diedAt = DateTimeOffset.UtcNow.AddSeconds(-2);
        await File.WriteAllTextAsync(file + ".migrating", string.Create(CultureInfo.InvariantCulture, $"pid=4242 since={diedAt:O}"));
        await InsertLockRowAsync(diedAt.AddMilliseconds(300));

        await MigrateAsync(TimeSpan.FromHours(1)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(logs.Has(LogLevel.Warning, "an instance of this app stopped while migrating"), string.Join('\n', logs.Lines));
        Assert.Equal(0, await LockRowsAsync());
        Assert.Equal("", await File.ReadAllTextAsync(file + ".migrating")); // released cleanly this time
    }

    [Fact]
    public async Task A_fresh_lock_row_of_unknown_origin_is_waited_for_with_a_warning_until_it_is_old_enough()
    {
        await MigratedAsync();
        await InsertLockRowAsync(DateTimeOffset.UtcNow);

        await MigrateAsync(TimeSpan.FromSeconds(3)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(logs.Has(LogLevel.Warning, "Waiting for the migration lock __EFMigrationsLock"), string.Join('\n', logs.Lines));
        Assert.True(logs.Has(LogLevel.Warning, "Released a stale migration lock"), string.Join('\n', logs.Lines));
    }

    [Fact]
    public async Task A_start_while_another_instance_migrates_waits_for_it_and_says_so()
    {
        await MigratedAsync();
        await InsertLockRowAsync(DateTimeOffset.UtcNow.AddHours(-3));
        var other = new FileStream(file + ".migrating", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var start = MigrateAsync(TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.False(start.IsCompleted);
        Assert.True(logs.Has(LogLevel.Warning, "Waiting for the migration gate"), string.Join('\n', logs.Lines));
        Assert.Equal(1, await LockRowsAsync()); // not taken from an instance that is alive
        await other.DisposeAsync();
        await start.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await LockRowsAsync());
    }

    [Fact]
    public async Task A_stale_lock_row_in_a_database_killed_during_its_first_migration_is_released()
    {
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = """CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);""";
            await create.ExecuteNonQueryAsync();
        }

        await InsertLockRowAsync(DateTimeOffset.UtcNow.AddMinutes(-10));

        await MigrateAsync(TimeSpan.FromMinutes(1)).WaitAsync(TimeSpan.FromSeconds(60));

        await using var db = Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(logs.Has(LogLevel.Warning, "Released a stale migration lock"), string.Join('\n', logs.Lines));
    }

    [Fact]
    public async Task Wal_and_shm_files_left_read_only_by_a_start_on_a_read_only_database_are_made_writable_again()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await MigratedAsync();
        foreach (var sidecar in new[] { file + "-wal", file + "-shm" })
        {
            await File.WriteAllBytesAsync(sidecar, []); // as SQLite leaves them: empty WAL, an index it rebuilds
            File.SetUnixFileMode(sidecar, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        await MigrateAsync(TimeSpan.FromMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var sidecar in new[] { file + "-wal", file + "-shm" }.Where(File.Exists))
        {
            Assert.True(File.GetUnixFileMode(sidecar).HasFlag(UnixFileMode.UserWrite), sidecar);
        }

        Assert.True(logs.Has(LogLevel.Warning, "-shm writable again (mode 444 → 644)"), string.Join('\n', logs.Lines));
    }

    // No pooling: a pooled connection keeps the -shm file mapped, and the read-only test replaces that file; touching a
    // mapping of a truncated file is SIGBUS, which killed the whole test host.
    private AppDbContext Open() => new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options);

    private async Task MigratedAsync()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    private async Task MigrateAsync(TimeSpan staleAfter)
    {
        await using var db = Open();
        await new StartupMigration(db, logs.CreateLogger("test")) { StaleAfter = staleAfter, LogEvery = TimeSpan.FromMilliseconds(500) }
            .MigrateAsync(CancellationToken.None);
    }

    /// <summary>The row as EF Core's SqliteHistoryRepository writes it.</summary>
    private async Task InsertLockRowAsync(DateTimeOffset takenAt)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, $at)""";
        insert.Parameters.AddWithValue("$at", takenAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<long> LockRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = """SELECT COUNT(*) FROM "__EFMigrationsLock" """;
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
