using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Rounds;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>
/// One unit's filing in one round: the workflow instance. It pins the workflow definition version it started with,
/// and its <see cref="Version"/> is the concurrency token every act and save must name.
/// </summary>
public sealed partial class Evaluation
{
    private readonly List<ReportSection> sections = [];
    private readonly List<EvaluationPart> parts = [];

    private Evaluation() { }

    internal Evaluation(EvaluationRound round, BudgetUnit unit, WorkflowDefinition definition, EvaluationTemplate template)
    {
        Id = Guid.NewGuid();
        RoundId = round.Id;
        Round = round;
        UnitId = unit.Id;
        Unit = unit;
        ParentUnitId = unit.ParentUnitId;
        FinanceBureauId = round.FinanceBureauId;
        WorkflowDefinitionId = definition.Id;
        WorkflowDefinition = definition;
        Stage = definition.Body.InitialStage;
        Version = 1;
        TemplateId = template.Id;
        Template = template;
        RefreshTask();
        sections.AddRange(template.Body.Outline.Select((o, i) => new ReportSection(Id, i + 1, o)));
        parts.Add(new EvaluationPart(Guid.NewGuid(), Id, PartKind.Basic, ContentShape.BlankBasic(template.Body)));
        var overallId = Guid.NewGuid();
        parts.Add(new EvaluationPart(overallId, Id, PartKind.Overall, ContentShape.BlankTable(overallId, template.Body, project: false)));
    }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public EvaluationRound Round { get; private set; } = null!;
    public Guid UnitId { get; private set; }
    public BudgetUnit Unit { get; private set; } = null!;
    /// <summary>The unit's parent when the evaluation started (a copy of the unit's): the department reviewer's scope.</summary>
    public Guid? ParentUnitId { get; private set; }

    /// <summary>The round's finance bureau (a copy of the round's): finance staff's scope.</summary>
    public Guid FinanceBureauId { get; private set; }

    /// <summary>
    /// The role that must act now (the current stage's holder), null when nobody must. With <see cref="UnitId"/>,
    /// <see cref="ParentUnitId"/>, <see cref="FinanceBureauId"/> and <see cref="ClaimedById"/> it answers "whose task is
    /// it?" in one indexed query; written with every act, in the act's transaction.
    /// </summary>
    public string? HolderRole { get; private set; }

    /// <summary>The day the holder must act by (<see cref="DueDates"/>), kept with every act and extension; null when nothing is due.</summary>
    public DateOnly? DueOn { get; private set; }

    public Guid WorkflowDefinitionId { get; private set; }
    public WorkflowDefinition WorkflowDefinition { get; private set; } = null!;
    public Guid TemplateId { get; private set; }
    public EvaluationTemplate Template { get; private set; } = null!;

    /// <summary>The filer who leads the filing: the first to save content. They may assign tables to other filers of the unit.</summary>
    public string? LeadFilerId { get; private set; }
    public string? LeadFilerName { get; private set; }

    public string Stage { get; private set; } = "";
    public int Version { get; private set; }
    public int ContentVersion { get; private set; }

    public string? ClaimedById { get; private set; }
    public string? ClaimedByName { get; private set; }

    public string? SignerId { get; private set; }
    public string? SignerName { get; private set; }
    public DateTime? SignedAtUtc { get; private set; }
    public string? SignedContentSha256 { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }
    public DateTime? ApprovedAtUtc { get; private set; }
    public string? ApprovedContentSha256 { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    public DateTime? LastActAtUtc { get; private set; }

    /// <summary>When the evaluation entered its current stage: the stage's time limit counts from that day.</summary>
    public DateTime? StageEnteredAtUtc { get; private set; }

    /// <summary>This unit's own submission deadline, when the administrator extended it; else the round's applies.</summary>
    public DateOnly? SubmissionDeadlineOverride { get; private set; }

    public DateOnly SubmissionDeadline => SubmissionDeadlineOverride ?? Round.SubmissionDeadline;

    /// <summary>1 for the first filing; a correction of a published report is the next revision.</summary>
    public int Revision { get; private set; } = 1;

    /// <summary>The published revision this one corrects.</summary>
    public Guid? CorrectsId { get; private set; }

    public string? CorrectionReason { get; private set; }

    /// <summary>The revision that replaced this published one (已更正); it stays readable.</summary>
    public Guid? SupersededById { get; private set; }

    public DateTime? SupersededAtUtc { get; private set; }

    /// <summary>
    /// The public list's sort columns, copies of the round's year and title and the unit's name, set while this revision is
    /// listed (published and not superseded) and null otherwise: the list is one walk of their index, not a sort of three
    /// tables. Written by the publishing act and by <see cref="SupersedeBy"/>, in their transactions.
    /// </summary>
    public int? ListedFiscalYear { get; private set; }

    /// <inheritdoc cref="ListedFiscalYear"/>
    public string? ListedUnitName { get; private set; }

    /// <inheritdoc cref="ListedFiscalYear"/>
    public string? ListedRoundTitle { get; private set; }

    /// <summary>When an approved evaluation is to be published by itself; kept here so that a restart loses nothing.</summary>
    public DateTime? PublishScheduledAtUtc { get; private set; }

    /// <summary>The finance administrator who set the time: the publication is theirs.</summary>
    public string? PublishScheduledById { get; private set; }

    public IReadOnlyList<ReportSection> Sections => sections;
    public IReadOnlyList<EvaluationPart> Parts => parts;

    public Claim? Claim => ClaimedById is null ? null : new Claim(ClaimedById, ClaimedByName ?? "");

    public Signature? Signature => SignerId is null
        ? null
        : new Signature(SignerId, SignerName ?? "", SignedAtUtc!.Value, SignedContentSha256!);

    public EvaluationScope Scope => new(UnitId, ParentUnitId, FinanceBureauId);

    public bool IsEditable => Stage == WorkflowDefinition.Body.InitialStage;

    public EvaluationMachine MachineFor(Actor actor) =>
        new(WorkflowDefinition.Body, Stage, Scope, Claim, actor);

    public string ContentSha256() => ContentHash.Of(Content());

    /// <summary>Fires <paramref name="act"/> for <paramref name="actor"/> and returns the history row to append.</summary>
    /// <exception cref="Refusal">When the act is not allowed now, with the reason.</exception>
    internal EvaluationEvent Perform(WorkflowAct act, Actor actor, string? comment, DateTime nowUtc, IReadOnlyList<ReviewPin>? pins = null)
    {
        var machine = MachineFor(actor);
        var check = machine.Check(act);
        if (!check.Allowed)
        {
            throw new Refusal(RefusalKind.Conflict, check.Reason!);
        }

        // Read (deserialised) once for the acts that look at the content, and hashed only by those that keep a hash.
        var content = ReadsContent(act, pins) ? Content() : null;
        if (act == WorkflowAct.Submit)
        {
            EnsureReadyToSubmit(content!);
        }

        if (pins is { Count: > 0 } && act != WorkflowAct.Return)
        {
            throw new Refusal(RefusalKind.Invalid, "只有退回时可以添加批注");
        }

        var pinned = act == WorkflowAct.Return ? PinsOn(pins) : null;
        var hash = content is not null && act is not WorkflowAct.Submit and not WorkflowAct.Return ? ContentHash.Of(content) : null;
        EnsureContentIsWhatWasSigned(act, hash);
        var submitted = act == WorkflowAct.Submit ? content : null;

        var from = Stage;
        Stage = machine.Fire(act);
        string? signedHash = null;

        switch (act)
        {
            case WorkflowAct.Submit:
                SubmittedAtUtc = nowUtc;
                break;
            case WorkflowAct.Sign:
                (SignerId, SignerName, SignedAtUtc, SignedContentSha256) = (actor.UserId, actor.DisplayName, nowUtc, hash);
                signedHash = hash;
                break;
            case WorkflowAct.Return:
            case WorkflowAct.Withdraw:
                // The claim stays: when the evaluation comes back to review, it is the same reviewer's task again.
                (SignerId, SignerName, SignedAtUtc, SignedContentSha256) = (null, null, null, null);
                break;
            case WorkflowAct.Claim:
                (ClaimedById, ClaimedByName) = (actor.UserId, actor.DisplayName);
                break;
            case WorkflowAct.Release:
                (ClaimedById, ClaimedByName) = (null, null);
                break;
            case WorkflowAct.Approve when Stage == Stages.Approved:
                ApprovedAtUtc = nowUtc;
                ApprovedContentSha256 = hash;
                break;
            case WorkflowAct.Publish:
                PublishedAtUtc = nowUtc;
                (PublishScheduledAtUtc, PublishScheduledById) = (null, null);
                (ListedFiscalYear, ListedUnitName, ListedRoundTitle) = (Round.FiscalYear, Unit.Name, Round.Title);
                break;
        }

        Version++;
        LastActAtUtc = nowUtc;
        if (Stage != from)
        {
            StageEnteredAtUtc = nowUtc;
        }

        RefreshTask();
        return new EvaluationEvent(Id, act, from, Stage, actor, comment, ContentVersion, signedHash, nowUtc,
            pinned, submitted);
    }

    /// <summary>
    /// Whether <paramref name="act"/> reads the content (checks, hashes, keeps or pins it): only then must the evaluation be
    /// loaded with its sections and tables. Withdraw, claim and release need the workflow columns alone.
    /// </summary>
    internal static bool ReadsContent(WorkflowAct act, IReadOnlyList<ReviewPin>? pins = null) =>
        act is WorkflowAct.Submit or WorkflowAct.Sign or WorkflowAct.Approve or WorkflowAct.Publish
        || (act == WorkflowAct.Return && pins is { Count: > 0 });

    /// <summary>
    /// A new revision of this published evaluation, in the first stage, with a copy of its content: the correction goes
    /// through signature and review again. This evaluation is not changed.
    /// </summary>
    internal Evaluation Correction(string reason)
    {
        if (Stage != Stages.Published || SupersededById is not null)
        {
            throw new Refusal(RefusalKind.Conflict, "只能更正当前有效的已公开报告");
        }

        var copy = new Evaluation(Round, Unit, WorkflowDefinition, Template)
        {
            Revision = Revision + 1,
            CorrectsId = Id,
            CorrectionReason = reason,
        };
        copy.parts.Clear();
        copy.parts.AddRange(parts.Select(p => p.CopyFor(copy.Id)));
        foreach (var section in copy.sections)
        {
            section.Replace(sections.Single(s => s.Code == section.Code).Markdown);
        }

        copy.ContentVersion = 1;
        return copy;
    }

    /// <summary>Marks this published revision as replaced by its correction (已更正) — its content stays as published.</summary>
    internal void SupersedeBy(Guid correctionId, DateTime nowUtc)
    {
        (SupersededById, SupersededAtUtc) = (correctionId, nowUtc);
        (ListedFiscalYear, ListedUnitName, ListedRoundTitle) = (null, null, null);
    }

    /// <summary>Whether the current stage is a shared queue, where one holder claims the evaluation before acting.</summary>
    public bool InSharedQueue => WorkflowDefinition.Body.Stage(Stage).SharedQueue;

    /// <summary>
    /// Gives the claimed task to <paramref name="toId"/> (转交): the claim holder hands it to a colleague, or the finance
    /// administrator reassigns it. The stage stays; the caller has checked who may receive it.
    /// </summary>
    /// <exception cref="Refusal">When the evaluation is not in a shared queue or the actor may not hand it over.</exception>
    internal EvaluationEvent HandOver(Actor actor, string toId, string toName, string? comment, DateTime nowUtc)
    {
        EnsureMayHandOver(actor);
        Require(toId != ClaimedById, $"该评价已由{toName}认领");
        var text = ClaimedById is null ? $"转交给{toName}" : $"由{ClaimedByName}转交给{toName}";
        (ClaimedById, ClaimedByName) = (toId, toName);
        Version++;
        return new EvaluationEvent(Id, WorkflowAct.HandOver, Stage, Stage, actor, comment is null ? text : $"{text}：{comment}",
            ContentVersion, null, nowUtc);
    }

    /// <summary>Whether <paramref name="actor"/> may hand the task over now: it is in a shared queue, and they hold its claim or administer its bureau.</summary>
    public bool MayHandOver(Actor actor) =>
        InSharedQueue && (ClaimedById == actor.UserId || actor.MayActAs(Roles.FinanceAdmin, Scope));

    /// <exception cref="Refusal">When the evaluation is not in a shared queue, or the actor neither holds its claim nor administers its bureau.</exception>
    internal void EnsureMayHandOver(Actor actor)
    {
        Require(InSharedQueue, $"只有处于共享待办的评价可以转交（当前阶段「{WorkflowDefinition.Body.Stage(Stage).Name}」）");
        if (ClaimedById != actor.UserId && !actor.MayActAs(Roles.FinanceAdmin, Scope))
        {
            throw Refusal.Forbidden(ClaimedById is null ? "只有认领人或财政管理员可以转交；请先认领" : $"该评价已由{ClaimedByName}认领，只有认领人或财政管理员可以转交");
        }
    }

    /// <summary>Sets (or with null clears) the time an approved evaluation publishes itself.</summary>
    /// <exception cref="Refusal">When the actor may not publish it now.</exception>
    internal void SchedulePublication(Actor actor, DateTime? atUtc, DateTime nowUtc)
    {
        var check = MachineFor(actor).Check(WorkflowAct.Publish);
        if (!check.Allowed)
        {
            throw new Refusal(RefusalKind.Conflict, check.Reason!);
        }

        if (atUtc <= nowUtc)
        {
            throw new Refusal(RefusalKind.Invalid, "定时公开的时间应晚于现在");
        }

        (PublishScheduledAtUtc, PublishScheduledById) = atUtc is null ? (null, null) : (atUtc, actor.UserId);
        Version++;
    }

    /// <summary>Gives this unit a later submission deadline than the round's; the history row is the caller's.</summary>
    internal void ExtendSubmissionDeadline(DateOnly deadline)
    {
        SubmissionDeadlineOverride = deadline;
        Version++;
        RefreshTask();
    }

    /// <summary>
    /// Recomputes the task columns (<see cref="HolderRole"/>, <see cref="DueOn"/>) from the stage, the definition and the
    /// deadlines; every change to those calls it, so the columns never disagree with the machine.
    /// </summary>
    internal void RefreshTask()
    {
        HolderRole = WorkflowDefinition.Body.Stage(Stage).HolderRole;
        DueOn = DueDates.DateFor(this)?.Date;
    }

    /// <exception cref="Refusal">When the content is not editable by <paramref name="actor"/> now.</exception>
    internal void ReplaceSection(ReportSection section, string markdown, Actor actor)
    {
        EnsureEditableBy(actor);
        Require(LeadFilerId is null || LeadFilerId == actor.UserId, $"报告由牵头填表人 {LeadFilerName} 填写");
        (LeadFilerId, LeadFilerName) = (LeadFilerId ?? actor.UserId, LeadFilerName ?? actor.DisplayName);
        section.Replace(markdown);
        ContentVersion++;
        Version++;
    }
}
