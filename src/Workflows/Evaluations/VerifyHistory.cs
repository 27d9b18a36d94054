using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>The first row of one evaluation's history that breaks the chain, and how.</summary>
public sealed record BrokenLink(Guid EvaluationId, string UnitName, string RoundTitle, int Sequence, string Reason);

/// <param name="FirstBroken">The first broken link of each evaluation whose chain is broken; empty when all hold.</param>
public sealed record HistoryVerification(int Evaluations, int Rows, DateTime CheckedAtUtc, IReadOnlyList<BrokenLink> FirstBroken)
{
    public bool Holds => FirstBroken.Count == 0;
}

/// <summary>
/// Recomputes every history row's hash and link for the finance administrator's bureau and reports, per evaluation,
/// the first row that was altered, removed or inserted after it was written.
/// </summary>
public sealed class VerifyHistory(AppDbContext db, TimeProvider clock)
{
    public async Task<HistoryVerification> HandleAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsInRole(Roles.FinanceAdmin) || actor.FinanceBureauId is not Guid bureauId)
        {
            throw new Refusal(RefusalKind.Conflict, "只有财政管理员可以校验办理记录");
        }

        var evaluations = await db.Evaluations.AsNoTracking()
            .Where(e => e.Round.FinanceBureauId == bureauId)
            .Select(e => new { e.Id, UnitName = e.Unit.Name, RoundTitle = e.Round.Title })
            .ToListAsync(ct);
        var ids = evaluations.Select(e => e.Id).ToList();
        var rows = (await db.EvaluationEvents.AsNoTracking().Where(h => ids.Contains(h.EvaluationId)).ToListAsync(ct))
            .ToLookup(h => h.EvaluationId);

        var broken = new List<BrokenLink>();
        foreach (var evaluation in evaluations)
        {
            if (FirstBreak(rows[evaluation.Id].OrderBy(h => h.Sequence).ThenBy(h => h.OccurredAtUtc).ToList()) is var (sequence, reason))
            {
                broken.Add(new BrokenLink(evaluation.Id, evaluation.UnitName, evaluation.RoundTitle, sequence, reason));
            }
        }

        return new HistoryVerification(evaluations.Count, rows.Sum(g => g.Count()), clock.GetUtcNow().UtcDateTime, broken);
    }

    private static (int Sequence, string Reason)? FirstBreak(IReadOnlyList<EvaluationEvent> chain)
    {
        string? previous = null;
        for (var i = 0; i < chain.Count; i++)
        {
            var row = chain[i];
            if (row.Sequence != i + 1)
            {
                return (i + 1, $"第 {i + 1} 条记录缺失或顺序被改动（找到的是第 {row.Sequence} 条）");
            }

            if (row.PreviousHash != previous)
            {
                return (row.Sequence, $"第 {row.Sequence} 条记录与前一条的链接不符：前一条被删除、替换或改动");
            }

            if (row.Hash != row.ComputeHash())
            {
                return (row.Sequence, $"第 {row.Sequence} 条记录的内容与其哈希不符：写入后被改动");
            }

            previous = row.Hash;
        }

        return null;
    }
}
