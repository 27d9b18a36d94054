using EvalWorkflow.Workflows.Audit;
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
public sealed class PerformAct(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock) : IUseCase
{
    public const int MaxCommentLength = 2000;

    /// <summary>Wrong signing passwords in a row before signing pauses; counted apart from sign-in, which they never lock.</summary>
    public const int MaxSigningFailures = 5;

    public static readonly TimeSpan SigningPause = TimeSpan.FromMinutes(15);

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
            await VerifyPasswordAsync(actor, evaluationId, request.Password, ct);
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
        if (act == WorkflowAct.Publish)
        {
            db.AuditEntries.Add(AuditEntry.Of(actor, AuditKind.Published, now, $"评价 {evaluation.Id}", $"公开第 {evaluation.Revision} 版"));
        }

        await EvaluationChange.SaveAsync(db, ct);
        return evaluation.Version;
    }

    private async Task VerifyPasswordAsync(Actor actor, Guid evaluationId, string? password, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(actor.UserId) ?? throw Refusal.NotFound("用户");
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.SigningPausedUntilUtc > now)
        {
            throw new Refusal(RefusalKind.Invalid,
                $"签字密码错误次数过多，签字已暂停至 {user.SigningPausedUntilUtc.Value.AddHours(8):HH:mm}（北京时间），登录不受影响；财政管理员可提前解除");
        }

        if (!string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(user, password))
        {
            if (user.SigningFailures > 0)
            {
                user.SigningFailures = 0;
                await users.UpdateAsync(user);
            }

            return;
        }

        var paused = ++user.SigningFailures >= MaxSigningFailures;
        if (paused)
        {
            (user.SigningFailures, user.SigningPausedUntilUtc) = (0, now + SigningPause);
        }

        await users.UpdateAsync(user);
        await audit.WriteAsync(paused ? AuditKind.SigningLockedOut : AuditKind.SigningFailed, AuditOutcome.Failed, actor.UserName, actor.Address,
            $"评价 {evaluationId}", paused ? $"连续 {MaxSigningFailures} 次签字密码错误，签字暂停 {SigningPause.TotalMinutes:0} 分钟" : "签字密码错误", ct);
        throw new Refusal(RefusalKind.Invalid, paused
            ? $"签字密码连续 {MaxSigningFailures} 次错误，签字已暂停 {SigningPause.TotalMinutes:0} 分钟（登录不受影响）"
            : "密码不正确，签字未完成");
    }
}
