using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Setup;

/// <summary>
/// Fills the task columns (<see cref="Evaluation.HolderRole"/>, <see cref="Evaluation.DueOn"/>) of evaluations written
/// before they existed. Acts keep them from then on; a database already filled costs one indexed query.
/// </summary>
public static class TaskColumns
{
    private const int BatchSize = 500;

    /// <returns>How many evaluations were filled.</returns>
    public static async Task<int> BackfillAsync(AppDbContext db, CancellationToken ct = default)
    {
        var filled = 0;
        var after = Guid.Empty;
        while (true)
        {
            // Keyset over the id: each batch starts past the last one, so the loop ends even if a stage has no holder.
            var batch = await db.Evaluations.Include(e => e.Unit).Include(e => e.Round).Include(e => e.WorkflowDefinition)
                .Where(e => e.HolderRole == null && e.Stage != Stages.Published && e.Id.CompareTo(after) > 0)
                .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return filled;
            }

            foreach (var evaluation in batch)
            {
                evaluation.RefreshTask();
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            filled += batch.Count;
            after = batch[^1].Id;
        }
    }
}
