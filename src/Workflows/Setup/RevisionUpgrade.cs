using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Setup;

/// <summary>
/// Gives evaluations written before revisions existed their revision: the migration that added the column
/// (<c>Corrections</c>) filled it with 0, while a first filing is revision 1. A correction made since then counted on
/// from 0, so the whole line of revisions of that round and unit moves up by one. A database already upgraded costs one
/// query.
/// </summary>
public static class RevisionUpgrade
{
    /// <returns>How many evaluations were renumbered.</returns>
    public static async Task<int> RunAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (!await db.Evaluations.AnyAsync(e => e.Revision == 0, ct))
        {
            return 0;
        }

        // Through negative numbers: the unique (round, unit, revision) index is checked row by row on both providers, so
        // 0 → 1 would collide with a correction's 1 until that has become 2. A line is recognised by a revision ≤ 0,
        // which still holds for its rows not yet moved once the first has become negative.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Evaluations
            .Where(e => e.Revision >= 0 && db.Evaluations.Any(o => o.RoundId == e.RoundId && o.UnitId == e.UnitId && o.Revision <= 0))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Revision, e => -(e.Revision + 1)), ct);
        await db.Evaluations.Where(e => e.Revision < 0).ExecuteUpdateAsync(s => s.SetProperty(e => e.Revision, e => -e.Revision), ct);
        await transaction.CommitAsync(ct);
        return moved;
    }
}
