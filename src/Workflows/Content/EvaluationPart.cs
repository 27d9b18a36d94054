using System.Text.Json;

namespace EvalWorkflow.Workflows.Content;

public enum PartKind
{
    Basic,
    Overall,
    Project,
}

/// <summary>
/// One table of an evaluation (附件1, 附件2 or one 附件3), stored as its JSON document. A part can be assigned to a
/// filer of the unit, who fills it and marks it ready; Submit needs every part ready.
/// </summary>
public sealed class EvaluationPart
{
    public const int MaxBodyLength = 400_000;

    private EvaluationPart() { }

    internal EvaluationPart(Guid id, Guid evaluationId, PartKind kind, object body)
    {
        Id = id;
        EvaluationId = evaluationId;
        Kind = kind;
        BodyJson = JsonSerializer.Serialize(body);
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid EvaluationId { get; private set; }
    public PartKind Kind { get; private set; }
    public int Order { get; private set; }
    public string BodyJson { get; private set; } = "";
    public string? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }
    public DateTime? ReadyAtUtc { get; private set; }
    public string? ReadyByName { get; private set; }

    /// <summary>Concurrency token.</summary>
    public int Version { get; private set; }

    public bool IsReady => ReadyAtUtc is not null;

    public T Read<T>() => JsonSerializer.Deserialize<T>(BodyJson)
        ?? throw new InvalidOperationException($"Part {Id} has no body.");

    /// <summary>The same table for another evaluation (a correction), ready again only when its filer says so.</summary>
    internal EvaluationPart CopyFor(Guid evaluationId) => new()
    {
        Id = Guid.NewGuid(),
        EvaluationId = evaluationId,
        Kind = Kind,
        Order = Order,
        BodyJson = BodyJson,
        Version = 1,
    };

    internal bool Differs(object body) => JsonSerializer.Serialize(body) != BodyJson;

    /// <summary>Stores a new body; a changed table is no longer ready.</summary>
    internal void Write(object body, int order)
    {
        Order = order;
        var json = JsonSerializer.Serialize(body);
        if (json != BodyJson)
        {
            BodyJson = json;
            (ReadyAtUtc, ReadyByName) = (null, null);
            Version++;
        }
    }

    internal void Assign(string? userId, string? name)
    {
        (AssigneeId, AssigneeName) = (userId, name);
        Version++;
    }

    internal void MarkReady(bool ready, string byName, DateTime nowUtc)
    {
        (ReadyAtUtc, ReadyByName) = ready ? (nowUtc, byName) : ((DateTime?)null, (string?)null);
        Version++;
    }
}
