using System.Text.Json;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Identity;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>One row of an evaluation's append-only history: who did what, when, from where to where.</summary>
public sealed class EvaluationEvent
{
    private EvaluationEvent() { }

    internal EvaluationEvent(Guid evaluationId, WorkflowAct act, string fromStage, string toStage, Actor actor,
        string? comment, int contentVersion, string? contentSha256, DateTime occurredAtUtc,
        IReadOnlyList<ReviewPin>? pins = null, EvaluationContent? submittedContent = null)
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
        PinsJson = pins is { Count: > 0 } ? JsonSerializer.Serialize(pins) : null;
        ContentJson = submittedContent is null ? null : JsonSerializer.Serialize(submittedContent);
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

    /// <summary>A return's comments pinned to sections, table lines and indicators.</summary>
    public string? PinsJson { get; private set; }

    /// <summary>What was submitted, kept with each submission so that the next one can show what changed.</summary>
    public string? ContentJson { get; private set; }

    public IReadOnlyList<ReviewPin> Pins => PinsJson is null ? [] : JsonSerializer.Deserialize<List<ReviewPin>>(PinsJson) ?? [];

    public EvaluationContent? SubmittedContent => ContentJson is null ? null : JsonSerializer.Deserialize<EvaluationContent>(ContentJson);
}
