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
        // Microseconds, as PostgreSQL keeps them: the row's hash must read back the same on every provider.
        OccurredAtUtc = new DateTime(occurredAtUtc.Ticks - (occurredAtUtc.Ticks % 10), DateTimeKind.Utc);
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

    /// <summary>Position in the evaluation's history, from 1.</summary>
    public int Sequence { get; private set; }

    /// <summary>The hash of the row before (null for the first): the history is a chain.</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>SHA-256 of this row's fields and <see cref="PreviousHash"/>.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>Links the row after <paramref name="previous"/> (null for the first row) and seals it.</summary>
    internal void ChainAfter(int previousSequence, string? previousHash)
    {
        Sequence = previousSequence + 1;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>The hash this row's stored fields give; a row altered after it was written no longer matches <see cref="Hash"/>.</summary>
    public string ComputeHash() => ContentHash.Hex(string.Join('\u001f',
        Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), EvaluationId.ToString(), Act.ToString(), FromStage, ToStage,
        ActorId, ActorName, Comment ?? "", ContentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), ContentSha256 ?? "",
        OccurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
        PinsJson ?? "", ContentJson is null ? "" : ContentHash.Hex(ContentJson), PreviousHash ?? ""));

    public IReadOnlyList<ReviewPin> Pins => PinsFrom(PinsJson);

    /// <summary>The pins stored as <paramref name="pinsJson"/>; for queries that read the column without the row.</summary>
    public static IReadOnlyList<ReviewPin> PinsFrom(string? pinsJson) =>
        pinsJson is null ? [] : JsonSerializer.Deserialize<List<ReviewPin>>(pinsJson) ?? [];

    public EvaluationContent? SubmittedContent => ContentJson is null ? null : JsonSerializer.Deserialize<EvaluationContent>(ContentJson);
}
