using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Content;

/// <param name="FilerId">A filer of the same unit, or null to take the table back.</param>
public sealed record AssignPartRequest(int Version, string? FilerId);

/// <summary>
/// The lead filer hands one table to another filer of the unit, who is told in the same transaction (an in-app notice
/// that links to the evaluation; the bell shows it when the page next asks).
/// </summary>
public sealed class AssignPart(AppDbContext db, TimeProvider clock) : IUseCase
{
    public async Task<ContentView> HandleAsync(Actor actor, Guid evaluationId, Guid partId, AssignPartRequest request, CancellationToken ct = default)
    {
        var evaluation = await db.Evaluations.WithContent().FindVisibleAsync(evaluationId, actor, ct);
        if (evaluation.Version != request.Version)
        {
            throw Refusal.Stale();
        }

        (string, string)? filer = null;
        if (request.FilerId is not null)
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.FilerId && u.UnitId == evaluation.UnitId, ct);
            var isFiler = user is not null && (await Actor.LoadAsync(db, user.Id, ct: ct))!.IsInRole(Roles.Filer);
            filer = isFiler ? (user!.Id, user.DisplayName) : throw new Refusal(RefusalKind.Invalid, "只能分配给本单位的填表人");
        }

        evaluation.AssignPart(partId, actor, filer);
        var view = await GetContent.ViewAsync(db, evaluation, actor, ct);
        if (filer is var (filerId, _) && filerId != actor.UserId)
        {
            var label = view.Parts.Single(p => p.Id == partId).Label;
            db.Notifications.Add(new Notifications.Notification(Guid.NewGuid(), filerId, evaluation.Id,
                $"{evaluation.Unit.Name}《{evaluation.Round.Title}》分给您一张附表：{label}",
                $"{actor.DisplayName}把「{label}」分给您填报；填好后请在「填报分工」中标记完成。", clock.GetUtcNow().UtcDateTime));
        }

        await db.SaveOrRefuseStaleAsync(ct);
        return view;
    }
}
