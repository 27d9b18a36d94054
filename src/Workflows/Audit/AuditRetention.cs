using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Workflows.Audit;

/// <summary>How long audit entries are kept (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Days an entry is kept; at least <see cref="AuditRetention.MinimumDays"/>, which the database enforces itself.</summary>
    public int RetentionDays { get; set; } = AuditRetention.MinimumDays;
}

/// <summary>
/// Removes audit entries older than the retention, a day at a time (run daily by Hangfire). The database refuses to delete
/// anything younger than <see cref="MinimumDays"/> days whatever is asked, so a misconfiguration cannot shorten the log.
/// </summary>
public sealed class AuditRetention(AppDbContext db, IOptions<AuditOptions> options, TimeProvider clock) : IUseCase
{
    /// <summary>GB/T 22239 asks that audit records be kept; six months is the floor the migration's triggers hold.</summary>
    public const int MinimumDays = 180;

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var days = Math.Max(options.Value.RetentionDays, MinimumDays);
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var removed = 0;
        int batch;
        do
        {
            // In batches: one statement over a year of sign-ins would hold the write lock for long.
            var oldest = db.AuditEntries.Where(a => a.OccurredAtUtc < before).OrderBy(a => a.OccurredAtUtc).Take(5000).Select(a => a.Id);
            batch = await db.AuditEntries.Where(a => oldest.Contains(a.Id)).ExecuteDeleteAsync(ct);
            removed += batch;
        }
        while (batch > 0);

        return removed;
    }
}
