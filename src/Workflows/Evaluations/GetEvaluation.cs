using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

public enum StageStatus { Done, Current, Pending }

public sealed record StageView(string Code, string Name, StageStatus Status);

public sealed record PermittedAct(WorkflowAct Act, string Label, bool NeedsComment, bool NeedsPassword);

public sealed record HistoryEntry(
    DateTime OccurredAtUtc, string ActorName, WorkflowAct Act, string ActLabel,
    string FromStageName, string ToStageName, string? Comment, int ContentVersion, string? ContentSha256,
    IReadOnlyList<ReviewPin> Pins);

/// <summary>Which revision this is: a correction names the one it corrects; a superseded one, its correction.</summary>
/// <param name="MayReopen">The viewer may reopen this published revision as a correction.</param>
public sealed record Revision(int Number, Guid? CorrectsId, string? CorrectionReason, Guid? SupersededById, bool MayReopen);

public sealed record EvaluationDetails(
    Guid Id,
    Guid RoundId,
    string RoundTitle,
    int FiscalYear,
    DateOnly SubmissionDeadline,
    DueDate? Due,
    string UnitName,
    string Stage,
    string StageName,
    int Version,
    int ContentVersion,
    bool CanEdit,
    string? ClaimedByName,
    Signature? Signature,
    bool SignatureHolds,
    DateTime? PublishScheduledAtUtc,
    Revision Revision,
    string ContentSha256,
    IReadOnlyList<StageView> Stages,
    IReadOnlyList<PermittedAct> PermittedActs,
    IReadOnlyList<SectionView> Sections,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<PinTarget> PinTargets,
    bool InSharedQueue,
    IReadOnlyList<Colleague> HandOverTo);

/// <summary>One evaluation as its viewer sees it: content, the acts they may take now, the stages and the history.</summary>
public sealed class GetEvaluation(AppDbContext db, TimeProvider clock) : IUseCase
{
    public async Task<EvaluationDetails> HandleAsync(Actor actor, Guid evaluationId, CancellationToken ct = default)
    {
        var evaluation = await db.Evaluations.AsNoTracking().WithContent().FindVisibleAsync(evaluationId, actor, ct);
        // The rows without the content snapshots that submissions keep: the page shows who did what, not those.
        var definition = evaluation.WorkflowDefinition.Body;
        var history = (await db.EvaluationEvents.AsNoTracking()
                .Where(h => h.EvaluationId == evaluationId)
                .OrderBy(h => h.Sequence).ThenBy(h => h.OccurredAtUtc)
                .Select(h => new { h.OccurredAtUtc, h.ActorName, h.Act, h.FromStage, h.ToStage, h.Comment, h.ContentVersion, h.ContentSha256, h.PinsJson })
                .ToListAsync(ct))
            .Select(h => new HistoryEntry(h.OccurredAtUtc, h.ActorName, h.Act, WorkflowActs.Label(h.Act),
                StageName(definition, h.FromStage), StageName(definition, h.ToStage), h.Comment, h.ContentVersion,
                h.ContentSha256, EvaluationEvent.PinsFrom(h.PinsJson)))
            .ToList();

        var permitted = evaluation.MachineFor(actor).PermittedActs()
            .Select(a => new PermittedAct(a, WorkflowActs.Label(a), a == WorkflowAct.Return, a == WorkflowAct.Sign))
            .ToList();
        var canEdit = evaluation.IsEditable && actor.MayActAs(Roles.Filer, evaluation.Scope);

        return new EvaluationDetails(
            evaluation.Id, evaluation.RoundId, evaluation.Round.Title, evaluation.Round.FiscalYear,
            evaluation.SubmissionDeadline, DueDates.For(evaluation, WorkingCalendar.Official, ChinaDate.Today(clock)), evaluation.Unit.Name,
            evaluation.Stage, definition.Stage(evaluation.Stage).Name, evaluation.Version, evaluation.ContentVersion,
            canEdit, evaluation.ClaimedByName, evaluation.Signature, evaluation.SignatureHolds(), evaluation.PublishScheduledAtUtc,
            new Revision(evaluation.Revision, evaluation.CorrectsId, evaluation.CorrectionReason, evaluation.SupersededById,
                evaluation.Stage == Stages.Published && evaluation.SupersededById is null && actor.MayActAs(Roles.FinanceAdmin, evaluation.Scope)),
            evaluation.ContentSha256(),
            StagesOf(definition, evaluation.Stage),
            permitted,
            evaluation.Sections.OrderBy(s => s.Order).Select(SectionView.Of).ToList(),
            history,
            permitted.Any(p => p.Act == WorkflowAct.Return) ? ContentCells.Targets(evaluation.Content()) : [],
            evaluation.InSharedQueue,
            await HandOverTask.CandidatesAsync(db, actor, evaluation, ct));
    }

    public static IReadOnlyList<StageView> StagesOf(WorkflowDefinitionBody definition, string current)
    {
        var currentIndex = definition.Stages.ToList().FindIndex(s => s.Code == current);
        return definition.Stages.Select((s, i) => new StageView(s.Code, s.Name,
            i < currentIndex ? StageStatus.Done : i == currentIndex ? StageStatus.Current : StageStatus.Pending)).ToList();
    }

    private static string StageName(WorkflowDefinitionBody definition, string code) =>
        definition.HasStage(code) ? definition.Stage(code).Name : code;
}
