using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Content;

/// <param name="AssigneeId">The filer the table was assigned to; null while the lead filer fills it.</param>
/// <param name="MayEdit">Whether the viewer may change this table now.</param>
/// <param name="MayMarkReady">Whether the viewer may declare this table complete (or take that back) now.</param>
public sealed record PartView(
    Guid Id, PartKind Kind, string Label, string? AssigneeId, string? AssigneeName, bool IsReady, string? ReadyByName, DateTime? ReadyAtUtc, bool MayEdit, bool MayMarkReady);

public sealed record FilerOption(string Id, string Name);

/// <summary>The content with everything the checks found and computed, as the viewer may see and change it.</summary>
/// <param name="ContentVersion">Name this version when saving the content back.</param>
/// <param name="IsLead">The viewer leads the filing (or nobody does yet): they may assign tables and add projects.</param>
/// <param name="Template">The shape and scoring rules, so that a screen can run the same checks while the filer types.</param>
/// <param name="ReturnPins">The comments pinned by the latest return.</param>
/// <param name="Changes">What changed since the previous submission (while drafting: since the last one); null before any.</param>
/// <param name="PinTargets">Where a reviewer may pin a comment when returning.</param>
/// <param name="Filers">The unit's filers, to assign tables to; empty unless the viewer leads.</param>
public sealed record ContentView(
    Guid EvaluationId,
    int ContentVersion,
    int Version,
    bool CanEdit,
    bool IsLead,
    string? LeadFilerName,
    string TemplateName,
    TemplateBody Template,
    EvaluationContent Content,
    ContentReport Report,
    IReadOnlyList<PartView> Parts,
    IReadOnlyList<FilerOption> Filers,
    IReadOnlyList<ReviewPin> ReturnPins,
    ContentChanges? Changes,
    IReadOnlyList<PinTarget> PinTargets);

public sealed class GetContent(AppDbContext db) : IUseCase
{
    public async Task<ContentView> HandleAsync(Actor actor, Guid evaluationId, CancellationToken ct = default)
    {
        var evaluation = await db.Evaluations.AsNoTracking().WithContent().FindVisibleAsync(evaluationId, actor, ct);
        return await ViewAsync(db, evaluation, actor, ct);
    }

    internal static async Task<ContentView> ViewAsync(AppDbContext db, Evaluation evaluation, Actor actor, CancellationToken ct)
    {
        var canEdit = evaluation.IsEditable && actor.MayActAs(Roles.Filer, evaluation.Scope);
        var isLead = canEdit && (evaluation.LeadFilerId is null || evaluation.LeadFilerId == actor.UserId);
        var filers = isLead
            ? await db.Users.AsNoTracking()
                .Where(u => u.UnitId == evaluation.UnitId)
                .InRoles(db, Roles.Filer)
                .OrderBy(u => u.DisplayName)
                .Select(u => new FilerOption(u.Id, u.DisplayName))
                .ToListAsync(ct)
            : [];
        var parts = evaluation.Parts
            .OrderBy(p => p.Kind).ThenBy(p => p.Order)
            .Select(p => new PartView(p.Id, p.Kind, evaluation.PartLabel(p), p.AssigneeId, p.AssigneeName,
                p.IsReady, p.ReadyByName, p.ReadyAtUtc, canEdit && evaluation.MayEdit(p, actor), canEdit && evaluation.MayMarkReady(p, actor)))
            .ToList();
        var content = evaluation.Content();
        var submissions = await db.EvaluationEvents.AsNoTracking()
            .Where(h => h.EvaluationId == evaluation.Id && h.Act == WorkflowAct.Submit)
            .OrderByDescending(h => h.OccurredAtUtc).Take(2).ToListAsync(ct);
        var lastReturn = await db.EvaluationEvents.AsNoTracking()
            .Where(h => h.EvaluationId == evaluation.Id && h.Act == WorkflowAct.Return)
            .OrderByDescending(h => h.OccurredAtUtc).FirstOrDefaultAsync(ct);
        var previous = submissions.ElementAtOrDefault(evaluation.IsEditable ? 0 : 1);
        var changes = previous?.SubmittedContent is { } before
            ? ContentChanges.Between(previous.OccurredAtUtc, before, content)
            : null;

        return new ContentView(evaluation.Id, evaluation.ContentVersion, evaluation.Version, canEdit, isLead,
            evaluation.LeadFilerName, evaluation.Template.Name, evaluation.Template.Body, content, ContentChecks.Run(content, evaluation.Template.Body),
            parts, filers, lastReturn?.Pins ?? [], changes, ContentCells.Targets(content));
    }
}
