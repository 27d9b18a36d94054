using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>
/// Appends to an evaluation's history as a hash chain: each row carries the hash of the row before. It is the one way a
/// history row is written, so it also keeps the actor's <see cref="Involvement"/> (their 已办 line) in the same save.
/// </summary>
internal static class HistoryChain
{
    /// <summary>
    /// Seals <paramref name="entry"/> after the evaluation's last row and adds it. A row raced in meanwhile makes the
    /// unique (evaluation, sequence) index refuse the save.
    /// </summary>
    public static async Task AppendAsync(AppDbContext db, Evaluation evaluation, EvaluationEvent entry, CancellationToken ct)
    {
        var last = await db.EvaluationEvents.AsNoTracking()
            .Where(e => e.EvaluationId == entry.EvaluationId)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        entry.ChainAfter(last?.Sequence ?? 0, last?.Hash);
        db.EvaluationEvents.Add(entry);
        var involvement = await db.Involvements.FindAsync([entry.ActorId, evaluation.Id], ct);
        if (involvement is null)
        {
            db.Involvements.Add(new Involvement(evaluation, entry));
        }
        else
        {
            involvement.Record(entry);
        }
    }

    /// <summary>
    /// Seals <paramref name="entry"/> after <paramref name="previous"/> (null for the first row) and adds it, for a history
    /// built in memory before anything is saved (the scale data set), where reading the last row back cannot work.
    /// </summary>
    public static void AppendAfter(AppDbContext db, Evaluation evaluation, EvaluationEvent? previous, EvaluationEvent entry)
    {
        entry.ChainAfter(previous?.Sequence ?? 0, previous?.Hash);
        db.EvaluationEvents.Add(entry);
        if (db.Involvements.Local.FindEntryUntyped([entry.ActorId, evaluation.Id]) is { } involvement)
        {
            involvement.Entity.Record(entry);
        }
        else
        {
            db.Involvements.Add(new Involvement(evaluation, entry));
        }
    }
}
