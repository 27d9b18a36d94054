using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Rounds;

/// <summary>
/// Every unit of a round: its stage, who holds it, when it is due, when it was submitted and approved, the last act;
/// with units per stage and submissions per day (finance staff of the round's bureau only).
/// </summary>
public sealed class GetRoundBoard(AppDbContext db, TimeProvider clock)
{
    public async Task<RoundBoard> HandleAsync(Actor actor, Guid roundId, CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || !actor.IsFinanceStaff || round.FinanceBureauId != actor.FinanceBureauId)
        {
            throw Refusal.NotFound("评价批次");
        }

        var evaluations = await db.Evaluations.AsNoTracking()
            .Include(e => e.Unit).Include(e => e.Round).Include(e => e.WorkflowDefinition)
            .Where(e => e.RoundId == roundId).ToListAsync(ct);
        // The history rows carry submitted content as JSON: only the columns the board needs are read.
        var history = await db.EvaluationEvents.AsNoTracking()
            .Where(h => db.Evaluations.Any(e => e.Id == h.EvaluationId && e.RoundId == roundId))
            .Select(h => new { h.EvaluationId, h.Act, h.ActorName, h.OccurredAtUtc })
            .ToListAsync(ct);
        var lastActs = history.GroupBy(h => h.EvaluationId).ToDictionary(g => g.Key, g => g.MaxBy(h => h.OccurredAtUtc)!);
        var today = ChinaDate.Today(clock);

        var rows = evaluations.OrderBy(e => e.Unit.Name).Select(e =>
        {
            var stage = e.WorkflowDefinition.Body.Stage(e.Stage);
            var last = lastActs.GetValueOrDefault(e.Id);
            return new RoundBoardRow(e.Id, e.Unit.Name, e.Stage, stage.Name, Holder(e, stage.HolderRole),
                DueDates.For(e, WorkingCalendar.Official, today), e.SubmissionDeadline, e.SubmittedAtUtc, e.ApprovedAtUtc,
                last is null ? null : WorkflowActs.Label(last.Act), last?.ActorName, last?.OccurredAtUtc);
        }).ToList();

        var stages = evaluations.SelectMany(e => e.WorkflowDefinition.Body.Stages).DistinctBy(s => s.Code).ToList();
        var counts = stages.Select(s => new StageCount(s.Code, s.Name, rows.Count(r => r.Stage == s.Code))).ToList();
        var submissions = history.Where(h => h.Act == WorkflowAct.Submit)
            .GroupBy(h => ChinaDate.Of(h.OccurredAtUtc)).OrderBy(g => g.Key)
            .Select(g => new DailySubmissions(g.Key, g.Count())).ToList();
        var missingYears = new[] { round.SubmissionDeadline, round.PublicationDate ?? round.SubmissionDeadline }
            .Concat(rows.Select(r => r.SubmissionDeadline))
            .Select(d => d.Year).Distinct().Where(y => !WorkingCalendar.Official.HasCalendarFor(y)).Order().ToList();
        var canManage = actor.IsInRole(Roles.FinanceAdmin);
        return new RoundBoard(round.Id, round.Title, round.FiscalYear, round.SubmissionDeadline, round.PublicationDate, rows,
            counts, submissions, missingYears, canManage);
    }

    private static string Holder(Evaluation evaluation, string? role) => (evaluation.ClaimedByName, role) switch
    {
        ({ } claimedBy, _) => $"{claimedBy}（已认领）",
        (_, null) => "—",
        (_, Roles.FinanceReviewer) => "财政审核人（待认领）",
        (_, Roles.FinanceAdmin) => "财政管理员",
        (_, Roles.DepartmentReviewer) => "主管部门审核人",
        (_, var r) => $"{evaluation.Unit.Name} {Roles.Label(r)}",
    };
}
