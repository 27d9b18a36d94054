using EvalWorkflow.Workflows.Outbox;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>
/// The one path that records a workflow change to evaluations: each history row is chained after its evaluation's last
/// row (which also keeps the actor's <see cref="Involvement"/>) and gets its outbox message, and one save commits them with the evaluations' new state. Only a lost race — a
/// version token that moved, or a history position another act took first — is refused as stale; any other failure
/// propagates (a storage fault is answered as a 503 where every request's faults are, a real error as a 500).
/// </summary>
internal static class EvaluationChange
{
    /// <summary>Adds <paramref name="entry"/> to <paramref name="evaluation"/>'s history and announces it through the outbox.</summary>
    public static async Task RecordAsync(AppDbContext db, Evaluation evaluation, EvaluationEvent entry, DateTime nowUtc, CancellationToken ct)
    {
        await HistoryChain.AppendAsync(db, evaluation, entry, ct);
        db.OutboxMessages.Add(OutboxMessage.For(entry.Id, Announcement.Of(evaluation, entry), nowUtc));
    }

    /// <summary>Saves everything recorded in one transaction.</summary>
    /// <param name="otherRace">For a change with a race of its own (a second correction of the same report): the refusal when
    /// that race was lost, asked only after a failed save.</param>
    /// <exception cref="Refusal">Stale when another change got there first.</exception>
    public static async Task SaveAsync(AppDbContext db, CancellationToken ct, Func<Task<Refusal?>>? otherRace = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException exception)
        {
            var failure = StorageFailure.Of(exception);
            if (failure.Kind == StorageFailureKind.StaleVersion || failure.IsDuplicateOn("EvaluationEvents", "EvaluationId", "Sequence"))
            {
                throw Refusal.Stale(); // logged at Information by StorageFailureLogging
            }

            // A storage fault propagates like any real error; RefusalHandler and UseCaseRunner answer it as a 503.
            if (otherRace is not null && await otherRace() is { } refusal)
            {
                throw refusal;
            }

            throw;
        }
    }
}
