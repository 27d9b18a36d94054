using System.Globalization;
using System.Net;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Tests.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Web.Tests;

/// <summary>The app started on a database file that a killed instance left behind.</summary>
public sealed class StartupTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"evalworkflow-startup-{Guid.NewGuid():N}.db");
    private readonly ListLogger logs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".migrating" })
        {
            File.Delete(file + suffix);
        }

        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(null)] // up to date
    [InlineData("20261122190618_RoundKind")] // an older schema, with migrations still to apply
    [InlineData("0")] // killed during its very first migration: only EF's own tables exist
    public async Task The_app_starts_over_a_stale_migration_lock_and_says_it_released_it(string? migratedTo)
    {
        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={file}").Options))
        {
            await db.GetService<IMigrator>().MigrateAsync(migratedTo);
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, {0})""",
                DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
        }

        await using var app = new AppFactory(file, logs: logs);
        var health = await app.CreateClient().GetAsync("/health").WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(logs.Has(LogLevel.Warning, "Released a stale migration lock: the __EFMigrationsLock row"), string.Join('\n', logs.Lines));
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}
