using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Content;

/// <param name="BaseVersion">The content version the document was based on.</param>
public sealed record SaveContentRequest(int BaseVersion, EvaluationContent Content);

/// <summary>The document was based on an older content version: nothing was saved, so that nobody's changes are overwritten unseen.</summary>
public sealed class StaleContent(int baseVersion, int currentVersion)
    : Refusal(RefusalKind.Conflict, $"内容已被他人修改（您基于第 {baseVersion} 版，当前为第 {currentVersion} 版）：请刷新后再保存");

/// <summary>
/// Replaces the evaluation's content with a whole document (from a screen, the API or an upload) and returns it checked.
/// A document based on an older version is refused, so that nobody's changes are overwritten unseen.
/// </summary>
public sealed class SaveContent(AppDbContext db) : IUseCase
{
    public async Task<ContentView> HandleAsync(Actor actor, Guid evaluationId, SaveContentRequest request, CancellationToken ct = default)
    {
        if (request.Content is null)
        {
            throw new Refusal(RefusalKind.Invalid, "缺少内容");
        }

        var evaluation = await db.Evaluations.WithContent().FindVisibleAsync(evaluationId, actor, ct);
        if (evaluation.ContentVersion != request.BaseVersion)
        {
            throw new StaleContent(request.BaseVersion, evaluation.ContentVersion);
        }

        evaluation.ReplaceContent(request.Content, actor);
        await db.SaveOrRefuseStaleAsync(ct);

        return await GetContent.ViewAsync(db, evaluation, actor, ct);
    }
}
