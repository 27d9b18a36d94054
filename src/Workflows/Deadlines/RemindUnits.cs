using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Contracts;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Deadlines;

public sealed record RemindUnitsRequest(IReadOnlyList<Guid> EvaluationIds, string Message);

/// <summary>催报: the finance administrator reminds the holders of selected evaluations now, with a message of their own.</summary>
public sealed class RemindUnits(AppDbContext db, TimeProvider clock) : IUseCase
{
    public const int MaxMessageLength = 500;

    /// <returns>How many evaluations were reminded (published ones are skipped).</returns>
    public async Task<int> HandleAsync(Actor actor, Guid roundId, RemindUnitsRequest request, CancellationToken ct = default)
    {
        var text = request.Message?.Trim() ?? "";
        if (text.Length is 0 or > MaxMessageLength)
        {
            throw new Refusal(RefusalKind.Invalid, $"催报内容必填，最多 {MaxMessageLength} 字");
        }

        var ids = request.EvaluationIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
        {
            throw new Refusal(RefusalKind.Invalid, "请至少选择一个单位");
        }

        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct) ?? throw Refusal.NotFound("评价批次");
        if (!actor.IsInRole(Roles.FinanceAdmin) || actor.FinanceBureauId != round.FinanceBureauId)
        {
            throw Refusal.Forbidden("只有本财政局的财政管理员可以催报");
        }

        var evaluations = await ids.ToListInChunksAsync(chunk => db.Evaluations.AsNoTrackingWithIdentityResolution()
            .Include(e => e.Unit).Include(e => e.Round).Include(e => e.WorkflowDefinition)
            .Where(e => e.RoundId == roundId && chunk.Contains(e.Id) && e.Stage != Stages.Published), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var evaluation in evaluations)
        {
            db.OutboxMessages.Add(ReminderMessages.For(evaluation, ReminderAudience.Holder,
                $"财政局催报：{evaluation.Unit.Name}《{round.Title}》", $"{actor.DisplayName}：{text}", now));
        }

        db.AuditEntries.Add(AuditEntry.Of(actor, AuditKind.UnitsReminded, now, $"评价批次《{round.Title}》", $"催报 {evaluations.Count} 个单位：{text}"));
        await db.SaveChangesAsync(ct);
        return evaluations.Count;
    }
}
