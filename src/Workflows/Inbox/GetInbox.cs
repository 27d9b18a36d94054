using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Inbox;

/// <param name="Due">When the actor must act, by the stage's time limit and the round's deadlines; null when nothing is due.</param>
public sealed record TodoItem(Guid EvaluationId, string UnitName, string RoundTitle, string StageName,
    IReadOnlyList<string> Acts, DueDate? Due);

public sealed record DoneItem(Guid EvaluationId, string UnitName, string RoundTitle, string LastActLabel,
    DateTime LastActAtUtc, string CurrentStageName);

public sealed record NotificationItem(Guid Id, Guid? EvaluationId, string Title, string Body, DateTime CreatedAtUtc, bool IsRead);

public sealed record InboxView(IReadOnlyList<TodoItem> Todo, IReadOnlyList<DoneItem> Done,
    IReadOnlyList<NotificationItem> Notifications, int UnreadCount);

/// <summary>
/// The inbox: 待办 (evaluations the actor may act on now: the workflow's bookmarks), 已办 (what they acted on),
/// and 通知 (their notifications).
/// </summary>
public sealed class GetInbox(AppDbContext db, TimeProvider clock)
{
    private const int NotificationLimit = 100;

    public async Task<InboxView> HandleAsync(Actor actor, CancellationToken ct = default)
    {
        var open = await db.Evaluations.AsNoTracking().WithWorkflow().VisibleTo(actor)
            .Where(e => e.Stage != Stages.Published)
            .ToListAsync(ct);
        var today = ChinaDate.Today(clock);
        var todo = open
            .Select(e => (Evaluation: e, Acts: e.MachineFor(actor).PermittedActs().Where(WorkflowActs.IsDuty).ToList()))
            .Where(x => x.Acts.Count > 0)
            .Select(x => new TodoItem(x.Evaluation.Id, x.Evaluation.Unit.Name, x.Evaluation.Round.Title,
                x.Evaluation.WorkflowDefinition.Body.Stage(x.Evaluation.Stage).Name,
                x.Acts.Select(WorkflowActs.Label).ToList(), DueDates.For(x.Evaluation, WorkingCalendar.Official, today)))
            .OrderBy(t => t.Due?.Date ?? DateOnly.MaxValue).ThenBy(t => t.UnitName)
            .ToList();

        var mine = await db.EvaluationEvents.AsNoTracking().Where(h => h.ActorId == actor.UserId)
            .Select(h => new { h.EvaluationId, h.Act, h.OccurredAtUtc }).ToListAsync(ct);
        var lastByEvaluation = mine.GroupBy(h => h.EvaluationId).Select(g => g.MaxBy(h => h.OccurredAtUtc)!).ToList();
        var actedOnIds = lastByEvaluation.Select(h => h.EvaluationId).ToList();
        var actedOn = await db.Evaluations.AsNoTracking().WithWorkflow().VisibleTo(actor)
            .Where(e => actedOnIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var done = lastByEvaluation.Where(h => actedOn.ContainsKey(h.EvaluationId))
            .Select(h =>
            {
                var e = actedOn[h.EvaluationId];
                return new DoneItem(e.Id, e.Unit.Name, e.Round.Title, WorkflowActs.Label(h.Act), h.OccurredAtUtc,
                    e.WorkflowDefinition.Body.Stage(e.Stage).Name);
            })
            .OrderByDescending(d => d.LastActAtUtc)
            .ToList();

        var notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId)
            .OrderByDescending(n => n.CreatedAtUtc).Take(NotificationLimit)
            .Select(n => new NotificationItem(n.Id, n.EvaluationId, n.Title, n.Body, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync(ct);
        var unread = await CountUnreadAsync(actor, ct);
        return new InboxView(todo, done, notifications, unread);
    }

    public Task<int> CountUnreadAsync(Actor actor, CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAtUtc == null, ct);
}
