using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

/// <param name="Version">The evaluation version the actor saw.</param>
/// <param name="ToUserId">The colleague who takes the task over.</param>
/// <param name="Comment">Optional: why, or what to look at.</param>
public sealed record HandOverRequest(int Version, string ToUserId, string? Comment = null);

/// <summary>Someone a task may be handed to.</summary>
public sealed record Colleague(string UserId, string DisplayName);

/// <summary>
/// 转交: the reviewer who claimed an evaluation hands it to a colleague of the same finance bureau, or the finance
/// administrator reassigns it (say, when the holder is away). One transaction: the new claim, a history row naming both,
/// and the outbox message that tells the new holder.
/// </summary>
public sealed class HandOverTask(AppDbContext db, TimeProvider clock) : IUseCase
{
    public const int MaxCommentLength = 500;

    /// <returns>The evaluation's new version.</returns>
    public async Task<int> HandleAsync(Actor actor, Guid evaluationId, HandOverRequest request, CancellationToken ct = default)
    {
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment?.Length > MaxCommentLength)
        {
            throw new Refusal(RefusalKind.Invalid, $"转交说明过长：最多 {MaxCommentLength} 字，现有 {comment.Length} 字");
        }

        var evaluation = await db.Evaluations.FindVisibleAsync(evaluationId, actor, ct);
        if (request.Version != evaluation.Version)
        {
            throw Refusal.Stale();
        }

        evaluation.EnsureMayHandOver(actor); // before the colleague is looked up: a refusal tells nothing about who exists
        var colleague = await CandidatesOf(db, evaluation).Where(u => u.Id == request.ToUserId)
                .Select(u => new Colleague(u.Id, u.DisplayName)).SingleOrDefaultAsync(ct)
            ?? throw new Refusal(RefusalKind.Invalid, "只能转交给本财政局的财政审核人");
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = evaluation.HandOver(actor, colleague.UserId, colleague.DisplayName, comment, now);
        await EvaluationChange.RecordAsync(db, evaluation, entry, now, ct);
        await EvaluationChange.SaveAsync(db, ct);
        return evaluation.Version;
    }

    /// <summary>Who the actor could hand the evaluation to now: none unless they hold its claim or administer its bureau.</summary>
    public static async Task<IReadOnlyList<Colleague>> CandidatesAsync(AppDbContext db, Actor actor, Evaluation evaluation, CancellationToken ct)
    {
        return evaluation.MayHandOver(actor)
            ? await CandidatesOf(db, evaluation).Where(u => u.Id != evaluation.ClaimedById)
                .OrderBy(u => u.DisplayName).Select(u => new Colleague(u.Id, u.DisplayName)).ToListAsync(ct)
            : [];
    }

    /// <summary>The holders of the evaluation's current stage in its finance bureau.</summary>
    private static IQueryable<AppUser> CandidatesOf(AppDbContext db, Evaluation evaluation)
    {
        var role = evaluation.WorkflowDefinition.Body.Stage(evaluation.Stage).HolderRole;
        var bureauId = evaluation.FinanceBureauId;
        return db.Users.Where(u => u.FinanceBureauId == bureauId).InRoles(db, role!);
    }
}
