using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Persistence.Postgres;
using EvalWorkflow.Workflows.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Hosting;

/// <summary>Applies migrations and the built-in data before the server accepts requests; seeds the demo in demo mode.</summary>
public sealed partial class DatabaseInitializer(IServiceProvider services, IConfiguration configuration, ILogger<DatabaseInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(services, seedDemo: configuration.GetValue("Demo:Enabled", true), cancellationToken);
        LogReady(configuration.GetValue("Demo:Enabled", true));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task InitializeAsync(IServiceProvider services, bool seedDemo, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var dataSource = db.Database.GetDbConnection().DataSource;
        if (db.Database.IsSqlite() && Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var logs = scope.ServiceProvider.GetRequiredService<ILoggerFactory>();
        // Several nodes may start at once on one PostgreSQL database: the whole start-up runs one node at a time.
        await using var startupLock = db.Database.IsNpgsql()
            ? await StartupLock.AcquireAsync(db, logs.CreateLogger<StartupLock>(), TimeSpan.FromSeconds(5), ct)
            : null;
        await new StartupMigration(db, logs.CreateLogger<StartupMigration>())
        {
            StaleAfter = configuration.GetValue("Database:StaleMigrationLockAfter", TimeSpan.FromMinutes(1)),
        }.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer commits; SQLite's default synchronous=FULL is kept.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await BuiltInData.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(), ct);
        await TaskColumns.BackfillAsync(db, ct);
        await RevisionUpgrade.RunAsync(db, ct);
        // Made here, under the start-up lock: on PostgreSQL the job storage creates its schema when first made.
        _ = scope.ServiceProvider.GetService<Hangfire.JobStorage>();
        if (seedDemo)
        {
            await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready (demo mode: {Demo})")]
    private partial void LogReady(bool demo);
}
