using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Publication;

public sealed record ReopenForCorrectionRequest(string Reason);

/// <summary>
/// The finance administrator reopens a published report as a correction: a new revision with the same content starts in
/// drafting and goes through signature and review again. The published revision stays public until the correction is
/// published, then it is marked 已更正 and points to the new one.
/// </summary>
public sealed class ReopenForCorrection(AppDbContext db, TimeProvider clock) : IUseCase
{
    public const int MaxReasonLength = 500;

    /// <returns>The new revision's id.</returns>
    public async Task<Guid> HandleAsync(Actor actor, Guid evaluationId, ReopenForCorrectionRequest request, CancellationToken ct = default)
    {
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > MaxReasonLength)
        {
            throw new Refusal(RefusalKind.Invalid, $"更正理由必填，最多 {MaxReasonLength} 字");
        }

        var published = await db.Evaluations.WithContent().FindVisibleAsync(evaluationId, actor, ct);
        if (!actor.MayActAs(Roles.FinanceAdmin, published.Scope))
        {
            throw Refusal.Forbidden("只有财政管理员可以发起更正");
        }

        if (published.SupersededById is null && await db.Evaluations.AnyAsync(e => e.CorrectsId == published.Id, ct))
        {
            throw new Refusal(RefusalKind.Conflict, "该报告已有进行中的更正");
        }

        var correction = published.Correction(reason);
        db.Evaluations.Add(correction);
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new EvaluationEvent(correction.Id, WorkflowAct.Reopen, Stages.Published, correction.Stage, actor,
            $"更正第 {published.Revision} 版：{reason}", correction.ContentVersion, null, now);
        await EvaluationChange.RecordAsync(db, correction, entry, now, ct);
        db.AuditEntries.Add(AuditEntry.Of(actor, AuditKind.CorrectionOpened, now, $"评价 {published.Id}", $"更正第 {published.Revision} 版：{reason}"));
        await EvaluationChange.SaveAsync(db, ct, otherRace: async () =>
            await db.Evaluations.AnyAsync(e => e.CorrectsId == published.Id && e.Id != correction.Id, ct)
                ? new Refusal(RefusalKind.Conflict, "该报告已有进行中的更正")
                : null);

        return correction.Id;
    }
}
