using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Inbox;

/// <param name="Due">When the actor must act, by the stage's time limit and the round's deadlines; null when nothing is due.</param>
/// <param name="ClaimedByName">Who claimed it, in a shared queue (the actor or, when colleagues' tasks are asked for, a colleague).</param>
/// <param name="Mine">Whether the actor may act on it now; false for a colleague's claimed task.</param>
public sealed record TodoItem(Guid EvaluationId, string UnitName, string RoundTitle, string StageName,
    IReadOnlyList<string> Acts, DueDate? Due, string? ClaimedByName = null, bool Mine = true);

public sealed record DoneItem(Guid EvaluationId, string UnitName, string RoundTitle, string LastActLabel,
    DateTime LastActAtUtc, string CurrentStageName);

public sealed record NotificationItem(Guid Id, Guid? EvaluationId, string Title, string Body, DateTime CreatedAtUtc, bool IsRead);

/// <summary>The first page of each list, with the totals.</summary>
public sealed record InboxView(Page<TodoItem> Todo, Page<DoneItem> Done, Page<NotificationItem> Notifications, int UnreadCount);

public enum InboxSort
{
    /// <summary>待办: the earliest due first; 已办: the latest act first; 通知: the newest first.</summary>
    Default,
    Unit,
    Round,
}

/// <param name="Search">Part of the unit's name or the round's title.</param>
/// <param name="WithColleagues">待办 only: also the tasks colleagues of the shared queue have claimed.</param>
/// <param name="OverdueOnly">待办 only: only what is past its due day.</param>
/// <param name="Descending">The sort reversed (for 待办's default: the latest due first).</param>
public sealed record InboxQuery(PageRequest Page, string? Search = null, InboxSort Sort = InboxSort.Default,
    bool WithColleagues = false, bool OverdueOnly = false, bool Descending = false)
{
    public const int MaxSearchLength = 100;

    public static InboxQuery First { get; } = new(new PageRequest());

    public string? SearchText => Search?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, MaxSearchLength)] : null;
}

/// <summary>
/// The inbox: 待办 (evaluations the actor may act on now), 已办 (what they acted on), 通知 (their notifications). Each list
/// is filtered, sorted and cut in the database through the task columns and indexes; the workflow machine runs only for
/// the rows of the page shown, to name the acts.
/// </summary>
public sealed class GetInbox(AppDbContext db, TimeProvider clock) : IUseCase
{
    public async Task<InboxView> HandleAsync(Actor actor, PageRequest? page = null, CancellationToken ct = default)
    {
        var query = page is null ? InboxQuery.First : new InboxQuery(page);
        return new InboxView(await TodoAsync(actor, query, ct), await DoneAsync(actor, query, ct),
            await NotificationsAsync(actor, query.Page, ct), await CountUnreadAsync(actor, ct));
    }

    public async Task<Page<TodoItem>> TodoAsync(Actor actor, InboxQuery query, CancellationToken ct = default)
    {
        var today = ChinaDate.Today(clock);
        var todo = Search(db.Evaluations.AwaitingActionBy(actor, query.WithColleagues), query.SearchText);
        if (query.OverdueOnly)
        {
            todo = todo.Where(e => e.DueOn < today);
        }

        var down = query.Descending;
        var ordered = query.Sort switch
        {
            InboxSort.Unit => todo.OrderIn(e => e.Unit.Name, down).ThenBy(e => e.Round.Title),
            InboxSort.Round => todo.OrderIn(e => e.Round.Title, down).ThenBy(e => e.Unit.Name),
            _ => todo.OrderBy(e => e.DueOn == null).ThenIn(e => e.DueOn, down).ThenBy(e => e.Unit.Name),
        };
        var ids = await ordered.ThenBy(e => e.Id).Select(e => e.Id).ToPageAsync(query.Page, ct);
        var rows = await db.Evaluations.AsNoTrackingWithIdentityResolution()
            .Include(e => e.Unit).Include(e => e.Round).Include(e => e.WorkflowDefinition)
            .Where(e => ids.Items.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return ids.Map(id =>
        {
            var e = rows[id];
            var acts = e.MachineFor(actor).PermittedActs().Where(WorkflowActs.IsDuty).Select(WorkflowActs.Label).ToList();
            var claimed = e.InSharedQueue ? e.ClaimedByName : null;
            return new TodoItem(e.Id, e.Unit.Name, e.Round.Title, e.WorkflowDefinition.Body.Stage(e.Stage).Name, acts,
                DueDates.For(e, WorkingCalendar.Official, today), claimed, !e.InSharedQueue || e.ClaimedById is null || e.ClaimedById == actor.UserId);
        });
    }

    /// <summary>
    /// 已办 from the actor's <see cref="Involvement"/> rows (one per evaluation they acted on, with their last act): without
    /// a search the total is counted in that table alone and the newest-first page walks its index and stops; only the
    /// page's evaluations are read.
    /// </summary>
    public async Task<Page<DoneItem>> DoneAsync(Actor actor, InboxQuery query, CancellationToken ct = default)
    {
        var mine = db.Involvements.Where(i => i.UserId == actor.UserId).VisibleTo(actor);
        var text = query.SearchText;
        var done = mine.Join(Search(db.Evaluations, text), i => i.EvaluationId, e => e.Id, (i, e) => new
        {
            Id = i.EvaluationId, UnitName = e.Unit.Name, RoundTitle = e.Round.Title, e.Stage, e.WorkflowDefinitionId, i.LastAct, i.LastActAtUtc,
        });
        // Every involvement has its evaluation (a foreign key): without a search the join cannot change the count.
        var total = text is null ? await mine.CountAsync(ct) : await done.CountAsync(ct);
        if (total <= query.Page.Skip)
        {
            return new Page<DoneItem>([], total, query.Page.Page, query.Page.PageSize);
        }

        var down = query.Descending;
        var ordered = query.Sort switch
        {
            InboxSort.Unit => done.OrderIn(d => d.UnitName, down).ThenByDescending(d => d.LastActAtUtc).ThenBy(d => d.Id),
            InboxSort.Round => done.OrderIn(d => d.RoundTitle, down).ThenBy(d => d.UnitName).ThenBy(d => d.Id),
            _ => done.OrderIn(d => d.LastActAtUtc, !down).ThenIn(d => d.Id, !down),
        };
        var items = await ordered.Skip(query.Page.Skip).Take(query.Page.PageSize).ToListAsync(ct);
        var definitionIds = items.Select(d => d.WorkflowDefinitionId).Distinct().ToList();
        var definitions = await db.WorkflowDefinitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        return new Page<DoneItem>(items.ConvertAll(d => new DoneItem(d.Id, d.UnitName, d.RoundTitle, WorkflowActs.Label(d.LastAct),
            d.LastActAtUtc, definitions[d.WorkflowDefinitionId].Body.Stage(d.Stage).Name)), total, query.Page.Page, query.Page.PageSize);
    }

    public Task<Page<NotificationItem>> NotificationsAsync(Actor actor, PageRequest page, CancellationToken ct = default) =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId)
            .OrderByDescending(n => n.CreatedAtUtc).ThenBy(n => n.Id)
            .Select(n => new NotificationItem(n.Id, n.EvaluationId, n.Title, n.Body, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToPageAsync(page, ct);

    public Task<int> CountUnreadAsync(Actor actor, CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAtUtc == null, ct);

    private static IQueryable<Evaluation> Search(IQueryable<Evaluation> evaluations, string? text) =>
        text is null ? evaluations : evaluations.Where(e => e.Unit.Name.Contains(text) || e.Round.Title.Contains(text));
}

internal static class Ordering
{
    public static IOrderedQueryable<T> OrderIn<T, TKey>(this IQueryable<T> rows, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    public static IOrderedQueryable<T> ThenIn<T, TKey>(this IOrderedQueryable<T> rows, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? rows.ThenByDescending(key) : rows.ThenBy(key);
}
