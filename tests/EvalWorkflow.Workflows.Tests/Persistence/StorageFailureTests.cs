using System.ComponentModel.DataAnnotations;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EvalWorkflow.Workflows.Tests.Persistence;

/// <summary>Failures produced by a real SQLite file, classified; and logged at their level.</summary>
public sealed class StorageFailureTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"storage-failure-{Guid.NewGuid():N}.db");
    private readonly ListLogger logs = new();
    private readonly ServiceProvider services;

    public StorageFailureTests()
    {
        services = new ServiceCollection().AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .AddSingleton(TimeProvider.System).AddSingleton<StorageHealth>()
            .AddSingleton<StorageFailureLogging>().BuildServiceProvider();
        using var db = Open();
        db.Database.EnsureCreated(); // a throwaway schema of this test's own
    }

    public void Dispose()
    {
        services.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(file + suffix);
        }
    }

    [Fact]
    public async Task A_unique_key_refused_to_a_second_writer_is_an_expected_duplicate_on_its_columns()
    {
        await SaveAsync(new Row { Key = "a" });

        var failure = StorageFailure.Of(await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(new Row { Key = "a" })));

        Assert.Equal(StorageFailureKind.DuplicateKey, failure.Kind);
        Assert.True(failure.IsExpectedRace);
        Assert.True(failure.IsDuplicateOn("Rows", "Key"));
        Assert.False(failure.IsDuplicateOn("Rows", "Id"));
        Assert.False(failure.IsDuplicateOn("Other", "Key"));
    }

    [Fact]
    public async Task A_duplicate_primary_key_is_a_duplicate_on_the_key_column()
    {
        await SaveAsync(new Row { Id = 7, Key = "a" });

        var failure = StorageFailure.Of(await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(new Row { Id = 7, Key = "b" })));

        Assert.True(failure.IsDuplicateOn("Rows", "Id"));
    }

    [Fact]
    public async Task A_save_over_a_changed_version_token_is_an_expected_stale_version()
    {
        await SaveAsync(new Row { Key = "a" });
        await using var first = Open();
        await using var second = Open();
        var mine = await first.Rows.SingleAsync();
        var theirs = await second.Rows.SingleAsync();
        theirs.Version++;
        await second.SaveChangesAsync();
        mine.Version++;

        var failure = StorageFailure.Of(await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync()));

        Assert.Equal(StorageFailureKind.StaleVersion, failure.Kind);
        Assert.True(failure.IsExpectedRace);
    }

    [Fact]
    public async Task A_write_to_a_database_opened_read_only_is_a_storage_fault()
    {
        await using var db = Open("Mode=ReadOnly");
        db.Rows.Add(new Row { Key = "a" });

        var failure = StorageFailure.Of(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync()));

        Assert.Equal((StorageFailureKind.StorageFault, "SQLITE_READONLY"), (failure.Kind, failure.Code));
        Assert.False(failure.IsExpectedRace);
    }

    [Fact]
    public async Task A_full_database_is_a_storage_fault()
    {
        await using var db = Open();
        await db.Database.OpenConnectionAsync();
        var pages = await db.Database.SqlQueryRaw<long>("SELECT page_count AS Value FROM pragma_page_count()").SingleAsync();
        await using (var limit = db.Database.GetDbConnection().CreateCommand())
        {
            limit.CommandText = $"PRAGMA max_page_count = {pages + 1}"; // a PRAGMA takes no parameter
            await limit.ExecuteNonQueryAsync();
        }

        db.Rows.AddRange(Enumerable.Range(0, 50).Select(i => new Row { Key = $"{i}-{new string('x', 200)}" }));

        var failure = StorageFailure.Of(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync()));

        Assert.Equal((StorageFailureKind.StorageFault, "SQLITE_FULL"), (failure.Kind, failure.Code));
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_is_a_storage_fault()
    {
        await using var db = new RaceDb(new DbContextOptionsBuilder<RaceDb>()
            .UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing.db")};Mode=ReadWrite").Options);

        var failure = StorageFailure.Of(await Assert.ThrowsAnyAsync<Exception>(() => db.Rows.ToListAsync()));

        Assert.Equal((StorageFailureKind.StorageFault, "SQLITE_CANTOPEN"), (failure.Kind, failure.Code));
    }

    [Fact]
    public async Task A_violated_not_null_column_is_a_real_error()
    {
        var failure = StorageFailure.Of(await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(new Row { Key = null! })));

        Assert.Equal(StorageFailureKind.Other, failure.Kind);
        Assert.False(failure.IsExpectedRace);
    }

    [Theory]
    [InlineData("53100", StorageFailureKind.StorageFault)] // disk full
    [InlineData("53200", StorageFailureKind.StorageFault)] // out of memory
    [InlineData("58030", StorageFailureKind.StorageFault)] // I/O error
    [InlineData("25006", StorageFailureKind.StorageFault)] // read-only transaction
    [InlineData("23503", StorageFailureKind.Other)] // foreign key violation
    [InlineData("42P01", StorageFailureKind.Other)] // undefined table
    public void A_postgres_error_is_classified_by_its_sqlstate(string sqlState, StorageFailureKind kind)
    {
        var failure = StorageFailure.Of(new DbUpdateException("save failed", new PostgresException("failed", "ERROR", "ERROR", sqlState)));

        Assert.Equal((kind, sqlState), (failure.Kind, failure.Code));
    }

    [Fact]
    public void A_postgres_unique_violation_names_its_table_and_columns()
    {
        var postgres = new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505",
            detail: "Key (\"EvaluationId\", \"Sequence\")=(6f1c…, 3) already exists.", tableName: "EvaluationEvents");

        Assert.True(StorageFailure.Of(new DbUpdateException("save failed", postgres)).IsDuplicateOn("EvaluationEvents", "EvaluationId", "Sequence"));
    }

    [Fact]
    public async Task An_expected_race_is_logged_once_at_information_without_a_stack_trace_and_ef_says_nothing_above_debug()
    {
        await SaveAsync(new Row { Key = "a" }, logged: true);

        await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(new Row { Key = "a" }, logged: true));

        Assert.DoesNotContain(logs.Lines, l => l.Level > LogLevel.Information);
        var race = Assert.Single(logs.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("Expected race", StringComparison.Ordinal));
        Assert.Null(race.Exception);
        Assert.Contains("duplicate key on Rows (Key)", race.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_fault_is_still_logged_as_an_error_with_its_exception()
    {
        await using var db = Open("Mode=ReadOnly", logged: true);
        db.Rows.Add(new Row { Key = "a" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        var error = Assert.Single(logs.Lines, l => l.Level == LogLevel.Error);
        Assert.Contains("Storage fault in SaveChanges: SQLITE_READONLY", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Exception);
        Assert.Equal("SQLITE_READONLY", services.GetRequiredService<StorageHealth>().LastFault?.Failure.Code); // /health says so
    }

    [Fact]
    public async Task A_failed_raw_command_is_logged_by_its_kind_too()
    {
        await using var db = Open(logged: true);

        await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO Nowhere VALUES (1)"));

        var error = Assert.Single(logs.Lines, l => l.Level == LogLevel.Error);
        Assert.Contains("ExecuteSqlRaw failed", error.Message, StringComparison.Ordinal);
    }

    private RaceDb Open(string? extra = null, bool logged = false)
    {
        var options = new DbContextOptionsBuilder<RaceDb>().UseSqlite($"Data Source={file};{extra}");
        if (logged)
        {
            options.UseLoggerFactory(services.GetRequiredService<ILoggerFactory>());
            StorageFailureLogging.LogStorageFailuresByKind(options, services);
        }

        return new RaceDb(options.Options);
    }

    private async Task SaveAsync(Row row, bool logged = false)
    {
        await using var db = Open(logged: logged);
        db.Rows.Add(row);
        await db.SaveChangesAsync();
    }

    public sealed class Row
    {
        public int Id { get; set; }
        public string Key { get; set; } = "";

        [ConcurrencyCheck]
        public int Version { get; set; }
    }

    private sealed class RaceDb(DbContextOptions<RaceDb> options) : DbContext(options)
    {
        public DbSet<Row> Rows => Set<Row>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Row>().HasIndex(r => r.Key).IsUnique();
    }
}
