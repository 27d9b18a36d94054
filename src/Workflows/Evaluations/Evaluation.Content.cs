using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Identity;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>The evaluation's content: its tables, who fills which, and whether it may be submitted.</summary>
public sealed partial class Evaluation
{
    /// <summary>The content as one document. A table missing from storage reads as blank.</summary>
    public EvaluationContent Content()
    {
        var template = Template.Body;
        var basic = parts.FirstOrDefault(p => p.Kind == PartKind.Basic)?.Read<BasicDataTable>() ?? ContentShape.BlankBasic(template);
        var overall = parts.FirstOrDefault(p => p.Kind == PartKind.Overall)?.Read<SelfEvaluationTable>()
            ?? ContentShape.BlankTable(Guid.Empty, template, project: false);
        var projects = parts.Where(p => p.Kind == PartKind.Project).OrderBy(p => p.Order)
            .Select(p => p.Read<SelfEvaluationTable>() with { Id = p.Id }).ToList();
        return new EvaluationContent(
            sections.OrderBy(s => s.Order).Select(s => new SectionContent(s.Code, s.Title, s.Markdown)).ToList(),
            basic, overall, projects);
    }

    public ContentReport CheckContent() => ContentChecks.Run(Content(), Template.Body);

    /// <summary>
    /// Replaces the whole content. The lead filer may change everything; a filer to whom a table was assigned, that table only.
    /// A changed table is no longer ready. Any change — a text, a number, the order of the project tables, a table added or
    /// removed — bumps the content version and the concurrency token, so that it races no act unseen.
    /// </summary>
    /// <exception cref="Refusal">When the actor may not make one of the changes, or the document has the wrong shape.</exception>
    internal void ReplaceContent(EvaluationContent content, Actor actor)
    {
        EnsureEditableBy(actor);
        var normalized = ContentShape.Normalize(content, Template.Body, sections);
        var isLead = LeadFilerId is null || LeadFilerId == actor.UserId;
        var changed = false;

        foreach (var section in sections)
        {
            var markdown = normalized.Sections.Single(s => s.Code == section.Code).Markdown;
            if (markdown != section.Markdown)
            {
                Require(isLead, $"报告「{section.Title}」由牵头填表人 {LeadFilerName} 填写");
                section.Replace(markdown);
                changed = true;
            }
        }

        changed |= WritePart(PartKind.Basic, null, normalized.Basic, 0, actor, isLead);
        changed |= WritePart(PartKind.Overall, null, normalized.Overall with { Id = PartId(PartKind.Overall) }, 0, actor, isLead);

        // A project keeps its id only when it names one of this evaluation's own project tables; any other id (a new
        // table's, 附件1's or 附件2's, another evaluation's) is replaced by one the server makes up.
        var ownProjects = parts.Where(p => p.Kind == PartKind.Project).Select(p => p.Id).ToHashSet();
        var projects = normalized.Projects.Select(p => ownProjects.Contains(p.Id) ? p : p with { Id = Guid.NewGuid() }).ToList();
        for (var i = 0; i < projects.Count; i++)
        {
            changed |= WritePart(PartKind.Project, projects[i].Id, projects[i], i + 1, actor, isLead);
        }

        foreach (var removed in parts.Where(p => p.Kind == PartKind.Project && projects.All(n => n.Id != p.Id)).ToList())
        {
            Require(isLead, "只有牵头填表人可以删除项目表");
            parts.Remove(removed);
            changed = true;
        }

        if (changed)
        {
            (LeadFilerId, LeadFilerName) = (LeadFilerId ?? actor.UserId, LeadFilerName ?? actor.DisplayName);
            ContentVersion++;
            Version++;
        }
    }

    /// <summary>The lead filer hands a table to another filer of the unit, or takes it back with <paramref name="filer"/> null.</summary>
    internal void AssignPart(Guid partId, Actor actor, (string Id, string Name)? filer)
    {
        EnsureEditableBy(actor);
        Require(LeadFilerId is null || LeadFilerId == actor.UserId, $"只有牵头填表人 {LeadFilerName} 可以分配填报任务");
        var part = parts.SingleOrDefault(p => p.Id == partId) ?? throw Refusal.NotFound("附表");
        (LeadFilerId, LeadFilerName) = (LeadFilerId ?? actor.UserId, LeadFilerName ?? actor.DisplayName);
        part.Assign(filer?.Id, filer?.Name);
        ContentVersion++;
        Version++;
    }

    /// <summary>The filer of a table declares it complete (or takes that back).</summary>
    internal void MarkPartReady(Guid partId, bool ready, Actor actor, DateTime nowUtc)
    {
        EnsureEditableBy(actor);
        var part = parts.SingleOrDefault(p => p.Id == partId) ?? throw Refusal.NotFound("附表");
        Require(MayMarkReady(part, actor), $"该表由 {part.AssigneeName ?? LeadFilerName} 填报，只有其本人可以标记完成");
        part.MarkReady(ready, actor.DisplayName, nowUtc);
        Version++;
    }

    /// <summary>The lead filer may change every table; another filer, the tables assigned to them.</summary>
    /// <summary>Checks a return's pins against the content and labels them; an unknown target or an over-long text is refused.</summary>
    private IReadOnlyList<ReviewPin> PinsOn(IReadOnlyList<ReviewPin>? pins)
    {
        if (pins is null or { Count: 0 })
        {
            return [];
        }

        if (pins.Count > ReviewPin.MaxPins)
        {
            throw new Refusal(RefusalKind.Invalid, $"批注最多 {ReviewPin.MaxPins} 条");
        }

        var targets = ContentCells.Targets(Content()).ToDictionary(t => t.At.Key);
        return pins.Select(pin =>
        {
            var text = pin.Text?.Trim() ?? "";
            var at = pin.At with { Column = null };
            if (text.Length is 0 or > ReviewPin.MaxText)
            {
                throw new Refusal(RefusalKind.Invalid, $"批注内容必填，最多 {ReviewPin.MaxText} 字");
            }

            return targets.TryGetValue(at.Key, out var target)
                ? new ReviewPin(at, target.Label, text)
                : throw new Refusal(RefusalKind.Invalid, "批注指向的位置不存在");
        }).ToList();
    }

    public bool MayEdit(EvaluationPart part, Actor actor) =>
        LeadFilerId is null || LeadFilerId == actor.UserId || part.AssigneeId == actor.UserId;

    /// <summary>A table is declared complete by the filer who fills it: its assignee, or the lead filer while unassigned.</summary>
    public bool MayMarkReady(EvaluationPart part, Actor actor) =>
        part.AssigneeId is not null ? part.AssigneeId == actor.UserId : LeadFilerId is null || LeadFilerId == actor.UserId;

    private void EnsureReadyToSubmit(EvaluationContent content)
    {
        var notReady = parts.Where(p => !p.IsReady).Select(PartLabel).ToList();
        if (notReady.Count > 0)
        {
            throw new Refusal(RefusalKind.Conflict, $"以下附表尚未标记完成：{string.Join("、", notReady)}");
        }

        var errors = ContentChecks.Run(content, Template.Body).Errors.ToList();
        if (errors.Count > 0)
        {
            throw new Refusal(RefusalKind.Conflict,
                $"内容还有 {errors.Count} 处错误，不能提交。第一处：{errors[0].Message}");
        }
    }

    /// <summary>Whether the content is still what the unit head signed (true while unsigned).</summary>
    public bool SignatureHolds() => SignedContentSha256 is null || SignedContentSha256 == ContentSha256();

    /// <summary>
    /// Approval needs the content the unit head signed, and publication the content that was approved: a change after
    /// signing (which the workflow itself never allows) voids the signature and stops the evaluation until it is signed again.
    /// </summary>
    private void EnsureContentIsWhatWasSigned(WorkflowAct act, string? hash)
    {
        if (act == WorkflowAct.Approve && SignedContentSha256 is not null && SignedContentSha256 != hash)
        {
            throw new Refusal(RefusalKind.Conflict, "签字后内容已被更改，签字已失效：请退回，由单位负责人重新签字");
        }

        if (act == WorkflowAct.Publish && ApprovedContentSha256 != hash)
        {
            throw new Refusal(RefusalKind.Conflict, "内容与审核通过时不一致（SHA-256 不符），不能公开");
        }
    }

    public string PartLabel(EvaluationPart part) => part.Kind switch
    {
        PartKind.Basic => "附件1 基础数据表",
        PartKind.Overall => "附件2 整体支出绩效自评表",
        _ => $"附件3 {part.Read<SelfEvaluationTable>().ProjectName ?? "未命名项目"}",
    };

    private Guid PartId(PartKind kind) => parts.FirstOrDefault(p => p.Kind == kind)?.Id ?? Guid.NewGuid();

    private bool WritePart(PartKind kind, Guid? id, object body, int order, Actor actor, bool isLead)
    {
        var part = kind == PartKind.Project ? parts.SingleOrDefault(p => p.Id == id && p.Kind == kind) : parts.FirstOrDefault(p => p.Kind == kind);
        if (part is null)
        {
            Require(isLead, "只有牵头填表人可以增加附表");
            parts.Add(new EvaluationPart(id ?? Guid.NewGuid(), Id, kind, body));
            parts[^1].Write(body, order);
            return true;
        }

        var bodyChanged = part.Differs(body);
        if (bodyChanged && !MayEdit(part, actor))
        {
            throw new Refusal(RefusalKind.Conflict, $"{PartLabel(part)}由 {part.AssigneeName ?? LeadFilerName} 填报，您不能修改");
        }

        // The order is part of the content (and of its hash): moving a table is a change like any other.
        var moved = part.Order != order;
        Require(!moved || isLead, "只有牵头填表人可以调整项目表的顺序");
        part.Write(body, order);
        return bodyChanged || moved;
    }

    /// <exception cref="Refusal">Unless <paramref name="actor"/> is a filer of the unit and the content is still a draft.</exception>
    internal void EnsureEditableBy(Actor actor)
    {
        Require(actor.MayActAs(Roles.Filer, Scope), "只有本单位的填表人可以修改报告内容");
        Require(IsEditable, "评价已提交，内容只读；如需修改请先撤回或等待退回");
    }

    private static void Require(bool condition, string reason)
    {
        if (!condition)
        {
            throw new Refusal(RefusalKind.Conflict, reason);
        }
    }
}
