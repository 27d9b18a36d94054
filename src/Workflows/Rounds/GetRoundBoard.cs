using System.Linq.Expressions;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Rounds;

/// <summary>
/// A round's progress board (finance staff of the round's bureau only): units per stage, overdue, submissions per day,
/// and the units one page at a time — their stage, holder, due date, submitted and approved dates and last act —
/// filtered, sorted and cut in the database.
/// </summary>
public sealed class GetRoundBoard(AppDbContext db, TimeProvider clock) : IUseCase
{
    /// <summary>The summary and one page of rows, as the API gives them.</summary>
    public async Task<RoundBoard> HandleAsync(Actor actor, Guid roundId, BoardQuery? query = null, CancellationToken ct = default)
    {
        var summary = await SummaryAsync(actor, roundId, ct);
        return summary with { Rows = await RowsAsync(actor, roundId, query ?? BoardQuery.First, ct) };
    }

    /// <summary>Everything but the rows: a few grouped queries over the round's index, whatever its size.</summary>
    public async Task<RoundBoard> SummaryAsync(Actor actor, Guid roundId, CancellationToken ct = default)
    {
        var round = await RoundAsync(actor, roundId, ct);
        var evaluations = db.Evaluations.AsNoTracking().Where(e => e.RoundId == roundId);
        var perStage = await evaluations.GroupBy(e => e.Stage).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var today = ChinaDate.Today(clock);
        var overdue = await evaluations.CountAsync(e => e.DueOn < today, ct);
        var submitted = await db.EvaluationEvents.AsNoTracking()
            .Where(h => h.Act == WorkflowAct.Submit)
            .Join(evaluations, h => h.EvaluationId, e => e.Id, (h, _) => h.OccurredAtUtc)
            .ToListAsync(ct);
        var submissions = submitted.GroupBy(ChinaDate.Of).OrderBy(g => g.Key).Select(g => new DailySubmissions(g.Key, g.Count())).ToList();
        var extended = await evaluations.Where(e => e.SubmissionDeadlineOverride != null)
            .Select(e => e.SubmissionDeadlineOverride!.Value).Distinct().ToListAsync(ct);
        var missingYears = new[] { round.SubmissionDeadline, round.PublicationDate ?? round.SubmissionDeadline }.Concat(extended)
            .Select(d => d.Year).Distinct().Where(y => !WorkingCalendar.Official.HasCalendarFor(y)).Order().ToList();
        var stages = (await StageOrderAsync(roundId, ct))
            .Select(s => new StageCount(s.Code, s.Name, perStage.GetValueOrDefault(s.Code))).ToList();
        return new RoundBoard(round.Id, round.Title, round.FiscalYear, round.SubmissionDeadline, round.PublicationDate,
            Page<RoundBoardRow>.Empty(new PageRequest()), stages, perStage.Values.Sum(), overdue, submissions, missingYears,
            actor.IsInRole(Roles.FinanceAdmin));
    }

    public async Task<Page<RoundBoardRow>> RowsAsync(Actor actor, Guid roundId, BoardQuery query, CancellationToken ct = default)
    {
        await RoundAsync(actor, roundId, ct);
        var today = ChinaDate.Today(clock);
        var rows = db.Evaluations.AsNoTracking().Where(e => e.RoundId == roundId);
        if (query.Stage is { } stage)
        {
            rows = rows.Where(e => e.Stage == stage);
        }

        if (query.OverdueOnly)
        {
            rows = rows.Where(e => e.DueOn < today);
        }

        if (query.UnitNameText is { } unitName)
        {
            rows = rows.Where(e => e.Unit.Name.Contains(unitName));
        }

        var ordered = query.Sort switch
        {
            BoardSort.Stage => query.Descending
                ? rows.OrderByDescending(StageRank(await StageOrderAsync(roundId, ct)))
                : rows.OrderBy(StageRank(await StageOrderAsync(roundId, ct))),
            BoardSort.Due => Order(rows, e => e.DueOn, query.Descending),
            BoardSort.Submitted => Order(rows, e => e.SubmittedAtUtc, query.Descending),
            BoardSort.Approved => Order(rows, e => e.ApprovedAtUtc, query.Descending),
            BoardSort.LastAct => Order(rows, e => e.LastActAtUtc, query.Descending),
            _ => query.Descending ? rows.OrderByDescending(e => e.Unit.Name) : rows.OrderBy(e => e.Unit.Name),
        };
        var ids = await ordered.ThenBy(e => e.Unit.Name).ThenBy(e => e.Id).Select(e => e.Id).ToPageAsync(query.Page, ct);
        var evaluations = await db.Evaluations.AsNoTrackingWithIdentityResolution()
            .Include(e => e.Unit).Include(e => e.Round).Include(e => e.WorkflowDefinition)
            .Where(e => ids.Items.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        // Each row's last act: the history row no later one follows (index EvaluationId, Sequence); only the page's.
        var lastActs = await db.EvaluationEvents.AsNoTracking()
            .Where(h => ids.Items.Contains(h.EvaluationId))
            .Where(h => !db.EvaluationEvents.Any(later => later.EvaluationId == h.EvaluationId && later.Sequence > h.Sequence))
            .Select(h => new { h.EvaluationId, h.Act, h.ActorName, h.OccurredAtUtc })
            .ToDictionaryAsync(h => h.EvaluationId, ct);
        return ids.Map(id =>
        {
            var e = evaluations[id];
            var stage = e.WorkflowDefinition.Body.Stage(e.Stage);
            var last = lastActs.GetValueOrDefault(id);
            return new RoundBoardRow(e.Id, e.Unit.Name, e.Stage, stage.Name, HolderLabels.Of(e.ClaimedByName, stage.HolderRole, e.Unit.Name),
                DueDates.For(e, WorkingCalendar.Official, today), e.SubmissionDeadline, e.SubmittedAtUtc, e.ApprovedAtUtc,
                last is null ? null : WorkflowActs.Label(last.Act), last?.ActorName, last?.OccurredAtUtc);
        });
    }

    private async Task<EvaluationRound> RoundAsync(Actor actor, Guid roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        return round is not null && actor.IsFinanceStaff && round.FinanceBureauId == actor.FinanceBureauId
            ? round
            : throw Refusal.NotFound("评价批次");
    }

    /// <summary>The stages of the definitions the round's evaluations pinned, in workflow order.</summary>
    private async Task<IReadOnlyList<StageDefinition>> StageOrderAsync(Guid roundId, CancellationToken ct)
    {
        var definitionIds = db.Evaluations.Where(e => e.RoundId == roundId).Select(e => e.WorkflowDefinitionId).Distinct();
        var definitions = await db.WorkflowDefinitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id))
            .OrderByDescending(d => d.Version).ToListAsync(ct);
        return definitions.SelectMany(d => d.Body.Stages).DistinctBy(s => s.Code).ToList();
    }

    /// <summary><c>e.Stage == s0 ? 0 : e.Stage == s1 ? 1 : …</c>: the workflow's order, which SQL sorts by.</summary>
    private static Expression<Func<Evaluation, int>> StageRank(IReadOnlyList<StageDefinition> stages)
    {
        var e = Expression.Parameter(typeof(Evaluation), "e");
        var stage = Expression.Property(e, nameof(Evaluation.Stage));
        Expression rank = Expression.Constant(stages.Count);
        for (var i = stages.Count - 1; i >= 0; i--)
        {
            rank = Expression.Condition(Expression.Equal(stage, Expression.Constant(stages[i].Code)), Expression.Constant(i), rank);
        }

        return Expression.Lambda<Func<Evaluation, int>>(rank, e);
    }

    /// <summary>By a date that may be empty: the empty ones last, either way.</summary>
    private static IOrderedQueryable<Evaluation> Order<TKey>(IQueryable<Evaluation> rows, Expression<Func<Evaluation, TKey?>> key, bool descending)
        where TKey : struct
    {
        var isNull = Expression.Lambda<Func<Evaluation, bool>>(
            Expression.Equal(key.Body, Expression.Constant(null, typeof(TKey?))), key.Parameters);
        return descending
            ? rows.OrderBy(isNull).ThenByDescending(key)
            : rows.OrderBy(isNull).ThenBy(key);
    }
}
