using EvalWorkflow.Workflows.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>
/// The background job of a <see cref="HistoryCheck"/>: recomputes every history row's hash and link of the bureau's
/// evaluations and records, per evaluation, the first row altered, removed or inserted after it was written. It walks
/// the evaluations in chunks by id, so memory holds one chunk's rows (content snapshots included: the hash covers them)
/// and the progress is saved after each.
/// </summary>
public sealed class RunHistoryCheck(AppDbContext db, TimeProvider clock, ILogger<RunHistoryCheck> logger) : IUseCase
{
    public const int ChunkSize = 500;

    [AutomaticRetry(Attempts = 0)] // a failed check is recorded as 失败; the administrator starts another
    public async Task RunAsync(Guid checkId, CancellationToken ct)
    {
        var check = await db.HistoryChecks.SingleOrDefaultAsync(c => c.Id == checkId, ct);
        if (check is not { Status: HistoryCheckStatus.Queued })
        {
            return;
        }

        try
        {
            await CheckAsync(check, ct);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "History check {CheckId} failed", checkId);
            db.ChangeTracker.Clear();
            var failed = await db.HistoryChecks.SingleAsync(c => c.Id == checkId, CancellationToken.None);
            failed.Fail(ct.IsCancellationRequested ? "校验被中断（服务停止），请重新开始" : "校验出错，请稍后重试；详情见服务日志",
                clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private async Task CheckAsync(HistoryCheck check, CancellationToken ct)
    {
        var bureauId = check.FinanceBureauId;
        var evaluations = db.Evaluations.AsNoTracking().Where(e => e.FinanceBureauId == bureauId);
        check.Start(await evaluations.CountAsync(ct), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);

        var chainStartUtc = await db.EvaluationEvents.Where(h => h.Hash != "").MinAsync(h => (DateTime?)h.OccurredAtUtc, ct);
        Guid? after = null;
        while (true)
        {
            var chunk = after is Guid last ? evaluations.Where(e => e.Id > last) : evaluations;
            var ids = await chunk.OrderBy(e => e.Id).Select(e => e.Id).Take(ChunkSize).ToListAsync(ct);
            if (ids.Count == 0)
            {
                break;
            }

            var (first, end) = (ids[0], ids[^1]);
            var rows = (await db.EvaluationEvents.AsNoTracking()
                    .Join(evaluations.Where(e => e.Id >= first && e.Id <= end), h => h.EvaluationId, e => e.Id, (h, _) => h)
                    .ToListAsync(ct))
                .ToLookup(h => h.EvaluationId);
            var broken = new List<(Guid EvaluationId, int Sequence, string Reason)>();
            foreach (var id in ids)
            {
                if (FirstBreak(rows[id].OrderBy(h => h.Sequence).ThenBy(h => h.OccurredAtUtc).ToList(), chainStartUtc) is var (sequence, reason))
                {
                    broken.Add((id, sequence, reason));
                }
            }

            check.Record(ids.Count, rows.Sum(g => g.Count()), broken.Count, await NamedAsync(broken.Take(check.ListRoom).ToList(), ct),
                clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            after = end;
        }

        check.Finish(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The broken links with their unit and round, read for the few listed only.</summary>
    private async Task<IReadOnlyList<BrokenLink>> NamedAsync(IReadOnlyList<(Guid EvaluationId, int Sequence, string Reason)> broken,
        CancellationToken ct)
    {
        if (broken.Count == 0)
        {
            return [];
        }

        var ids = broken.Select(b => b.EvaluationId).ToList();
        var names = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, UnitName = e.Unit.Name, RoundTitle = e.Round.Title })
            .ToDictionaryAsync(e => e.Id, ct);
        return broken.Select(b => new BrokenLink(b.EvaluationId, names[b.EvaluationId].UnitName, names[b.EvaluationId].RoundTitle,
            b.Sequence, b.Reason)).ToList();
    }

    /// <remarks>
    /// Rows written before the chain existed (链前记录) got their sequence from the migration that added the chain but
    /// no hash: an empty <see cref="EvaluationEvent.Hash"/> and no <see cref="EvaluationEvent.PreviousHash"/>, and they
    /// are older than every row with a hash. They are not reported as altered; their positions are still checked. The chain starts at the first row with a hash, which
    /// links to the empty hash of the row before it. A row without a hash after the chain has started had its hash
    /// removed, and is reported.
    /// </remarks>
    private static (int Sequence, string Reason)? FirstBreak(IReadOnlyList<EvaluationEvent> chain, DateTime? chainStartUtc)
    {
        string? previous = null;
        var chainStarted = false;
        for (var i = 0; i < chain.Count; i++)
        {
            var row = chain[i];
            if (row.Sequence != i + 1)
            {
                return (i + 1, $"第 {i + 1} 条记录缺失或顺序被改动（找到的是第 {row.Sequence} 条）");
            }

            if (!chainStarted && IsBeforeChain(row, chainStartUtc))
            {
                previous = row.Hash;
                continue;
            }

            chainStarted = true;
            if (row.Hash.Length == 0)
            {
                return (row.Sequence, $"第 {row.Sequence} 条记录没有哈希，却在链开始之后写入：哈希被清除");
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

    /// <summary>
    /// A 链前记录: no hash, and older than the first row with one anywhere (the chain began for every evaluation at
    /// once, when its migration ran), so that removing the hashes of recent rows does not pass them off as old ones.
    /// </summary>
    private static bool IsBeforeChain(EvaluationEvent row, DateTime? chainStartUtc) =>
        row.Hash.Length == 0 && row.PreviousHash is null && (chainStartUtc is null || row.OccurredAtUtc < chainStartUtc);
}
