using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Rounds;

public sealed record CreateRoundRequest(
    string Title, int FiscalYear, DateOnly SubmissionDeadline, string WorkflowDefinitionKey, IReadOnlyList<Guid> UnitIds,
    string TemplateKey = BuiltInTemplates.HunanKey,
    DateOnly? PublicationDate = null,
    RoundKind Kind = RoundKind.Overall);

/// <summary>The finance administrator opens a round; each participating unit gets one evaluation in the first stage.</summary>
public sealed class CreateRound(AppDbContext db, TimeProvider clock) : IUseCase
{
    public const int MaxTitleLength = 100;

    public async Task<Guid> HandleAsync(Actor actor, CreateRoundRequest request, CancellationToken ct = default)
    {
        if (!actor.IsInRole(Roles.FinanceAdmin) || actor.FinanceBureauId is not Guid bureauId)
        {
            throw Refusal.Forbidden("只有财政管理员可以创建评价批次");
        }

        var title = request.Title?.Trim() ?? "";
        if (title.Length is 0 or > MaxTitleLength)
        {
            throw new Refusal(RefusalKind.Invalid, $"批次名称必填，最多 {MaxTitleLength} 字");
        }

        if (request.FiscalYear is < 2000 or > 2100)
        {
            throw new Refusal(RefusalKind.Invalid, "年度应在 2000 至 2100 之间");
        }

        var unitIds = request.UnitIds?.Distinct().ToList() ?? [];
        if (unitIds.Count == 0)
        {
            throw new Refusal(RefusalKind.Invalid, "请至少选择一个参加单位");
        }

        var definition = await db.WorkflowDefinitions
            .Where(d => d.Key == request.WorkflowDefinitionKey)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(ct) ?? throw new Refusal(RefusalKind.Invalid, "所选流程不存在");

        if (request.PublicationDate < request.SubmissionDeadline)
        {
            throw new Refusal(RefusalKind.Invalid, "公开日期不能早于提交截止日期");
        }

        var template = await db.Templates
            .Where(t => t.Key == request.TemplateKey)
            .OrderByDescending(t => t.Version)
            .FirstOrDefaultAsync(ct) ?? throw new Refusal(RefusalKind.Invalid, "所选评价模板不存在");

        var units = await unitIds.ToListInChunksAsync(chunk => db.BudgetUnits.Where(u => chunk.Contains(u.Id) && u.FinanceBureauId == bureauId), ct);
        if (units.Count != unitIds.Count)
        {
            throw new Refusal(RefusalKind.Invalid, "所选单位中有不属于本财政局的单位");
        }

        if (definition.Body.HasStage(Stages.DepartmentReview) && units.FirstOrDefault(u => u.ParentUnitId is null) is { } topLevel)
        {
            throw new Refusal(RefusalKind.Invalid, $"「{topLevel.Name}」没有主管部门，不能使用含主管部门审核的流程");
        }

        var round = new EvaluationRound(bureauId, title, request.FiscalYear, request.SubmissionDeadline,
            definition.Key, template.Key, clock.GetUtcNow().UtcDateTime, request.PublicationDate, request.Kind);
        db.Rounds.Add(round);
        db.Evaluations.AddRange(units.Select(unit => new Evaluation(round, unit, definition, template)));
        db.AuditEntries.Add(AuditEntry.Of(actor, AuditKind.RoundCreated, round.CreatedAtUtc, $"评价批次《{round.Title}》",
            $"{request.FiscalYear} 年度，{units.Count} 个单位，提交截止 {request.SubmissionDeadline:yyyy-MM-dd}"));
        await db.SaveChangesAsync(ct);
        return round.Id;
    }
}
