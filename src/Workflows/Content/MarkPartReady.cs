using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;

namespace EvalWorkflow.Workflows.Content;

public sealed record MarkPartReadyRequest(int Version, bool Ready);

/// <summary>The filer of a table marks it complete, or takes that back; Submit needs every table complete.</summary>
public sealed class MarkPartReady(AppDbContext db, TimeProvider clock) : IUseCase
{
    public async Task<ContentView> HandleAsync(Actor actor, Guid evaluationId, Guid partId, MarkPartReadyRequest request, CancellationToken ct = default)
    {
        var evaluation = await db.Evaluations.WithContent().FindVisibleAsync(evaluationId, actor, ct);
        if (evaluation.Version != request.Version)
        {
            throw Refusal.Stale();
        }

        evaluation.MarkPartReady(partId, request.Ready, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveOrRefuseStaleAsync(ct);
        return await GetContent.ViewAsync(db, evaluation, actor, ct);
    }
}
