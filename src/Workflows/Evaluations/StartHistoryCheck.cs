using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>
/// The finance administrator starts a history check of their bureau; it runs as a background job
/// (<see cref="RunHistoryCheck"/>). A check already queued or running for the bureau is returned instead of a second.
/// </summary>
public sealed class StartHistoryCheck(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock) : IUseCase
{
    public async Task<HistoryCheckView> HandleAsync(Actor actor, CancellationToken ct = default)
    {
        var bureauId = HistoryCheck.BureauFor(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        var active = await ActiveAsync(bureauId, ct);
        if (active is not null && !active.IsAbandoned(now))
        {
            return HistoryCheckView.Of(active);
        }

        if (active is not null)
        {
            // Its job was lost (in-memory job storage does not survive a restart): it would block the bureau for ever.
            active.Fail("校验中断（服务重启或任务丢失），请重新开始", now);
            await db.SaveChangesAsync(ct);
        }

        var check = new HistoryCheck(bureauId, actor, now);
        db.HistoryChecks.Add(check);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The one-active-check index refused it: another administrator started one at the same moment.
            db.Entry(check).State = EntityState.Detached;
            var other = await ActiveAsync(bureauId, ct);
            if (other is null)
            {
                throw;
            }

            return HistoryCheckView.Of(other);
        }

        // Saved before it is enqueued: a job lost in between leaves a queued row that IsAbandoned later releases.
        jobs.Enqueue<RunHistoryCheck>(job => job.RunAsync(check.Id, CancellationToken.None));
        return HistoryCheckView.Of(check);
    }

    private Task<HistoryCheck?> ActiveAsync(Guid bureauId, CancellationToken ct) =>
        db.HistoryChecks.SingleOrDefaultAsync(c => c.FinanceBureauId == bureauId
                && (c.Status == HistoryCheckStatus.Queued || c.Status == HistoryCheckStatus.Running), ct);
}
