using EvalWorkflow.Workflows.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Persistence;

public static class SaveChangesExtensions
{
    /// <summary>Saves, turning a lost race on a concurrency token into the refusal the user sees.</summary>
    public static async Task SaveOrRefuseStaleAsync(this AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Refusal.Stale();
        }
    }
}
