using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Publication;

/// <param name="PublishAtUtc">When to publish; null cancels a schedule.</param>
public sealed record SchedulePublicationRequest(int Version, DateTime? PublishAtUtc);

/// <summary>The finance administrator sets the date and time an approved evaluation is published, or cancels it.</summary>
public sealed class SchedulePublication(AppDbContext db, TimeProvider clock) : IUseCase
{
    public async Task<int> HandleAsync(Actor actor, Guid evaluationId, SchedulePublicationRequest request, CancellationToken ct = default)
    {
        var evaluation = await db.Evaluations.FindVisibleAsync(evaluationId, actor, ct);
        if (evaluation.Version != request.Version)
        {
            throw Refusal.Stale();
        }

        var at = request.PublishAtUtc is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : (DateTime?)null;
        var now = clock.GetUtcNow().UtcDateTime;
        evaluation.SchedulePublication(actor, at, now);
        db.AuditEntries.Add(AuditEntry.Of(actor, AuditKind.PublicationScheduled, now, $"评价 {evaluation.Id}",
            at is { } when ? $"定于 {Deadlines.ChinaDate.Of(when):yyyy-MM-dd} {when.AddHours(8):HH:mm}（北京时间）公开" : "取消定时公开"));
        await db.SaveOrRefuseStaleAsync(ct);
        return evaluation.Version;
    }
}

/// <summary>
/// Publishes every approved evaluation whose time has come, each as its administrator through <see cref="PerformAct"/>
/// (one transaction per evaluation). Run every minute by Hangfire; the schedule lives in the database, so a restart
/// before the time loses nothing, and a second runner is refused by the evaluation's version.
/// </summary>
public sealed class PublishScheduled(AppDbContext db, PerformAct perform, TimeProvider clock) : IUseCase
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Evaluations
            .Where(e => e.PublishScheduledAtUtc != null && e.PublishScheduledAtUtc <= now)
            .Select(e => new { e.Id, e.Version, e.PublishScheduledById })
            .ToListAsync(ct);
        var published = 0;
        foreach (var evaluation in due)
        {
            var actor = await Actor.LoadAsync(db, evaluation.PublishScheduledById!, ct: ct);
            db.ChangeTracker.Clear();
            try
            {
                await perform.HandleAsync(actor!, evaluation.Id, Definitions.WorkflowAct.Publish, new ActRequest(evaluation.Version), ct);
                published++;
            }
            catch (Refusal)
            {
                // Published meanwhile by hand or by another runner, or no longer publishable: nothing to do.
            }

            db.ChangeTracker.Clear();
        }

        return published;
    }
}
