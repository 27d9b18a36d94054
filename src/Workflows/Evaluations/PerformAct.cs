using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Contracts;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

/// <param name="Version">The evaluation version the actor saw; a different current version refuses the act.</param>
/// <param name="Comment">Required to return; optional otherwise.</param>
/// <param name="Password">The signer's password, asked again to sign.</param>
/// <param name="Pins">With a return: comments pinned to sections, table lines and indicators.</param>
public sealed record ActRequest(int Version, string? Comment = null, string? Password = null, IReadOnlyList<ReviewPin>? Pins = null);

/// <summary>
/// One workflow act as one transaction: check the actor and the version, fire the machine, and save the new state,
/// one history row and one outbox message together.
/// </summary>
public sealed class PerformAct(AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : IUseCase
{
    public const int MaxCommentLength = 2000;

    /// <returns>The evaluation's new version.</returns>
    public async Task<int> HandleAsync(Actor actor, Guid evaluationId, WorkflowAct act, ActRequest request, CancellationToken ct = default)
    {
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment?.Length > MaxCommentLength)
        {
            throw new Refusal(RefusalKind.Invalid, $"意见过长：最多 {MaxCommentLength} 字，现有 {comment.Length} 字");
        }

        // The sections and tables (two more queries and their JSON) only for an act that reads them.
        var evaluations = Evaluation.ReadsContent(act, request.Pins) ? db.Evaluations.WithContent() : db.Evaluations;
        var evaluation = await evaluations.FindVisibleAsync(evaluationId, actor, ct);
        if (request.Version != evaluation.Version)
        {
            throw Refusal.Stale();
        }

        // Asked before the input checks below so that an act not allowed now is refused as such,
        // not for a missing comment or password; Evaluation.Perform checks again as the aggregate's own guard.
        var check = evaluation.MachineFor(actor).Check(act);
        if (!check.Allowed)
        {
            throw new Refusal(RefusalKind.Conflict, check.Reason!);
        }

        if (act == WorkflowAct.Return && comment is null)
        {
            throw new Refusal(RefusalKind.Invalid, "退回时必须填写意见");
        }

        if (act == WorkflowAct.Submit && evaluation.Sections.All(s => string.IsNullOrWhiteSpace(s.Markdown)))
        {
            throw new Refusal(RefusalKind.Conflict, "报告内容为空，请先填写后再提交");
        }

        if (act == WorkflowAct.Sign)
        {
            await VerifyPasswordAsync(actor, request.Password);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entry = evaluation.Perform(act, actor, comment, now, request.Pins);
        if (act == WorkflowAct.Publish && evaluation.CorrectsId is Guid corrected)
        {
            // A published correction supersedes the revision it corrects, in the same transaction.
            var previous = await db.Evaluations.SingleAsync(e => e.Id == corrected, ct);
            previous.SupersedeBy(evaluation.Id, now);
        }

        await EvaluationChange.RecordAsync(db, evaluation, entry, now, ct);
        await EvaluationChange.SaveAsync(db, ct);
        return evaluation.Version;
    }

    private async Task VerifyPasswordAsync(Actor actor, string? password)
    {
        var user = await users.FindByIdAsync(actor.UserId) ?? throw Refusal.NotFound("用户");
        if (await users.IsLockedOutAsync(user))
        {
            throw new Refusal(RefusalKind.Invalid, "密码错误次数过多，账户已暂时锁定，请稍后再试");
        }

        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            throw new Refusal(RefusalKind.Invalid, "密码不正确，签字未完成");
        }

        await users.ResetAccessFailedCountAsync(user);
    }
}
