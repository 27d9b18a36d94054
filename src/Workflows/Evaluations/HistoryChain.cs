using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>Appends to an evaluation's history as a hash chain: each row carries the hash of the row before.</summary>
internal static class HistoryChain
{
    /// <summary>
    /// Seals <paramref name="entry"/> after the evaluation's last row and adds it. A row raced in meanwhile makes the
    /// unique (evaluation, sequence) index refuse the save.
    /// </summary>
    public static async Task AppendAsync(AppDbContext db, EvaluationEvent entry, CancellationToken ct)
    {
        var last = await db.EvaluationEvents.AsNoTracking()
            .Where(e => e.EvaluationId == entry.EvaluationId)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        entry.ChainAfter(last?.Sequence ?? 0, last?.Hash);
        db.EvaluationEvents.Add(entry);
    }

    /// <summary>
    /// Seals <paramref name="entry"/> after <paramref name="previous"/> (null for the first row) and adds it, for a history
    /// built in memory before anything is saved (the scale data set), where reading the last row back cannot work.
    /// </summary>
    public static void AppendAfter(AppDbContext db, EvaluationEvent? previous, EvaluationEvent entry)
    {
        entry.ChainAfter(previous?.Sequence ?? 0, previous?.Hash);
        db.EvaluationEvents.Add(entry);
    }
}
