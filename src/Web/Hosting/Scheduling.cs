using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Publication;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// Scheduled and background work on Hangfire (in-memory storage by default): the recurring reminder scan and
/// publication, and the history checks finance administrators start. Exactly-once delivery does not
/// rest on Hangfire — the scan's own unique reminder rows make a rerun or a second instance harmless.
/// </summary>
public static class Scheduling
{
    public const string ReminderScanJobId = "reminder-scan";
    public const string PublishScheduledJobId = "publish-scheduled";
    public const string AuditRetentionJobId = "audit-retention";

    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.Section));
        services.AddScoped<ReminderScanJob>();
        // Hangfire keeps its storage and activator in statics and hands them to the container; registered here first,
        // each app (several run side by side in the tests) enqueues into its own storage and runs jobs in its own scopes.
        // On PostgreSQL every node shares the storage in the same database (schema "hangfire"): one dashboard, one job
        // history, recurring jobs registered once by id. SQLite (one machine) keeps Hangfire in memory.
        var connectionString = configuration.GetConnectionString("Default");
        var options = new PostgreSqlStorageOptions();
        services.AddSingleton<JobStorage>(_ => DatabaseProvider.IsPostgres(configuration)
            ? new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options)
            : new InMemoryStorage());
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.AddHangfireServer();
        return services;
    }

    public static WebApplication UseScheduling(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new FinanceAdminOnly()],
            DashboardTitle = "绩效自评 · 后台任务",
            AppPath = "/",
        });

        var reminders = app.Services.GetRequiredService<IOptions<ReminderOptions>>().Value;
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();

        // Tests that drive time themselves run the jobs' work directly; the wall-clock schedule would interfere.
        var recurring = app.Configuration.GetValue("Scheduling:RecurringJobs", true);
        if (recurring && reminders.Enabled)
        {
            jobs.AddOrUpdate<ReminderScanJob>(ReminderScanJobId, job => job.RunAsync(CancellationToken.None), reminders.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            jobs.RemoveIfExists(ReminderScanJobId);
        }

        // Scheduled publications live in the database; this job only looks for those whose time has come.
        if (recurring)
        {
            jobs.AddOrUpdate<PublishScheduled>(PublishScheduledJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely(),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            jobs.RemoveIfExists(PublishScheduledJobId);
        }

        // The audit log's retention: entries older than Audit:RetentionDays (at least 180) go, once a day.
        if (recurring)
        {
            jobs.AddOrUpdate<AuditRetention>(AuditRetentionJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            jobs.RemoveIfExists(AuditRetentionJobId);
        }

        return app;
    }

    /// <summary>The dashboard shows and runs jobs: finance administrators only.</summary>
    private sealed class FinanceAdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.FinanceAdmin);
    }
}

/// <summary>The recurring job: one reminder scan in its own scope (Hangfire activates it through the container).</summary>
public sealed class ReminderScanJob(ReminderScan scan, ILogger<ReminderScanJob> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var sent = await scan.RunAsync(ct);
        logger.LogInformation("Reminder scan sent {Count} reminders", sent);
    }
}
