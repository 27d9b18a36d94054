using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Identity;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>One row of an evaluation's append-only history: who did what, when, from where to where.</summary>
public sealed class EvaluationEvent
{
    private EvaluationEvent() { }

    internal EvaluationEvent(Guid evaluationId, WorkflowAct act, string fromStage, string toStage, Actor actor,
        string? comment, int contentVersion, string? contentSha256, DateTime occurredAtUtc)
    {
        Id = Guid.NewGuid();
        EvaluationId = evaluationId;
        Act = act;
        FromStage = fromStage;
        ToStage = toStage;
        ActorId = actor.UserId;
        ActorName = actor.DisplayName;
        Comment = comment;
        ContentVersion = contentVersion;
        ContentSha256 = contentSha256;
        OccurredAtUtc = occurredAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid EvaluationId { get; private set; }
    public WorkflowAct Act { get; private set; }
    public string FromStage { get; private set; } = "";
    public string ToStage { get; private set; } = "";
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public string? Comment { get; private set; }
    public int ContentVersion { get; private set; }
    public string? ContentSha256 { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
}
