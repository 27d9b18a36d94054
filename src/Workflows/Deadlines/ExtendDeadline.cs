using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Deadlines;

/// <param name="EvaluationId">One unit's evaluation, or null to extend the whole round.</param>
public sealed record ExtendDeadlineRequest(Guid? EvaluationId, DateOnly NewDeadline, string Reason);

/// <summary>
/// The finance administrator moves a round's submission deadline, or one unit's, to a later day. The reason goes into the
/// history of every evaluation concerned and their holders are told, in the same transaction (history and outbox).
/// </summary>
public sealed class ExtendDeadline(AppDbContext db, TimeProvider clock) : IUseCase
{
    public const int MaxReasonLength = 500;

    public async Task HandleAsync(Actor actor, Guid roundId, ExtendDeadlineRequest request, CancellationToken ct = default)
    {
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > MaxReasonLength)
        {
            throw new Refusal(RefusalKind.Invalid, $"延期理由必填，最多 {MaxReasonLength} 字");
        }

        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Id == roundId, ct) ?? throw Refusal.NotFound("评价批次");
        if (!actor.IsInRole(Roles.FinanceAdmin) || actor.FinanceBureauId != round.FinanceBureauId)
        {
            throw Refusal.Forbidden("只有本财政局的财政管理员可以延长期限");
        }

        var evaluations = await db.Evaluations.WithWorkflow()
            .Where(e => e.RoundId == roundId && (request.EvaluationId == null || e.Id == request.EvaluationId))
            .Where(e => e.Stage != Stages.Published)
            .ToListAsync(ct);
        if (request.EvaluationId is not null && evaluations.Count == 0)
        {
            throw Refusal.NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = request.EvaluationId is null ? round.SubmissionDeadline : evaluations[0].SubmissionDeadline;
        if (request.NewDeadline <= before)
        {
            throw new Refusal(RefusalKind.Invalid, $"新的截止日期应晚于现在的 {before:yyyy-MM-dd}");
        }

        if (request.EvaluationId is null)
        {
            round.ExtendSubmissionDeadline(request.NewDeadline);
        }

        var comment = $"提交截止日期由 {before:yyyy-MM-dd} 延至 {request.NewDeadline:yyyy-MM-dd}（{(request.EvaluationId is null ? "全批次" : "本单位")}）：{reason}";
        foreach (var evaluation in evaluations)
        {
            if (request.EvaluationId is not null || evaluation.SubmissionDeadlineOverride < request.NewDeadline)
            {
                evaluation.ExtendSubmissionDeadline(request.NewDeadline);
            }
            else
            {
                evaluation.RefreshTask(); // the round's deadline applies to it: its due day may move
            }

            var entry = new EvaluationEvent(evaluation.Id, WorkflowAct.ExtendDeadline, evaluation.Stage, evaluation.Stage, actor,
                comment, evaluation.ContentVersion, null, now);
            await EvaluationChange.RecordAsync(db, evaluation, entry, now, ct);
        }

        db.AuditEntries.Add(AuditEntry.Of(actor, AuditKind.DeadlineExtended, now,
            request.EvaluationId is null ? $"评价批次《{round.Title}》" : $"评价 {request.EvaluationId}", comment));
        await EvaluationChange.SaveAsync(db, ct);
    }
}
