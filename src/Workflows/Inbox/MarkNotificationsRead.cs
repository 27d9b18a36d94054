using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Inbox;

/// <summary>Marks the actor's own notifications read: one, or all when no id is given.</summary>
public sealed class MarkNotificationsRead(AppDbContext db, TimeProvider clock) : IUseCase
{
    public async Task<int> HandleAsync(Actor actor, Guid? notificationId = null, CancellationToken ct = default)
    {
        var unread = await db.Notifications
            .Where(n => n.UserId == actor.UserId && n.ReadAtUtc == null && (notificationId == null || n.Id == notificationId))
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        unread.ForEach(n => n.MarkRead(now));
        await db.SaveChangesAsync(ct);
        return unread.Count;
    }
}
