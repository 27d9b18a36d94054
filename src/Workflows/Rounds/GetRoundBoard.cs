using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Rounds;

public sealed record RoundBoardRow(
    Guid EvaluationId, string UnitName, string Stage, string StageName, string Holder,
    string? LastAct, string? LastActorName, DateTime? LastActAtUtc);

public sealed record RoundBoard(Guid Id, string Title, int FiscalYear, DateOnly SubmissionDeadline, IReadOnlyList<RoundBoardRow> Rows);

/// <summary>Every unit of a round: its stage, who holds it, and the last act (finance staff of the round's bureau only).</summary>
public sealed class GetRoundBoard(AppDbContext db)
{
    public async Task<RoundBoard> HandleAsync(Actor actor, Guid roundId, CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || !actor.IsFinanceStaff || round.FinanceBureauId != actor.FinanceBureauId)
        {
            throw Refusal.NotFound("评价批次");
        }

        var evaluations = await db.Evaluations.AsNoTracking().WithWorkflow()
            .Where(e => e.RoundId == roundId).ToListAsync(ct);
        var ids = evaluations.Select(e => e.Id).ToList();
        var lastActs = (await db.EvaluationEvents.AsNoTracking().Where(h => ids.Contains(h.EvaluationId)).ToListAsync(ct))
            .GroupBy(h => h.EvaluationId)
            .ToDictionary(g => g.Key, g => g.MaxBy(h => h.OccurredAtUtc)!);

        var rows = evaluations.OrderBy(e => e.Unit.Name).Select(e =>
        {
            var stage = e.WorkflowDefinition.Body.Stage(e.Stage);
            lastActs.TryGetValue(e.Id, out var last);
            return new RoundBoardRow(e.Id, e.Unit.Name, e.Stage, stage.Name, Holder(e, stage.HolderRole),
                last is null ? null : Definitions.WorkflowActs.Label(last.Act), last?.ActorName, last?.OccurredAtUtc);
        }).ToList();
        return new RoundBoard(round.Id, round.Title, round.FiscalYear, round.SubmissionDeadline, rows);
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
