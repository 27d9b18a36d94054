using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvalWorkflow.Workflows.Definitions;

/// <summary>
/// One stored version of a workflow: stages, who acts in each, transitions and time limits, held as data.
/// A round picks a definition by key; each evaluation pins the version it started with.
/// </summary>
public sealed class WorkflowDefinition
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Bodies by their JSON: a stored version never changes, so each is read once per process, not once per row.</summary>
    private static readonly ConcurrentDictionary<string, WorkflowDefinitionBody> Bodies = new(StringComparer.Ordinal);

    private WorkflowDefinitionBody? body;

    private WorkflowDefinition() { }

    public WorkflowDefinition(string key, int version, string name, WorkflowDefinitionBody body)
    {
        Id = Guid.NewGuid();
        Key = key;
        Version = version;
        Name = name;
        BodyJson = JsonSerializer.Serialize(body, JsonOptions);
        this.body = body;
    }

    public Guid Id { get; private set; }
    public string Key { get; private set; } = "";
    public int Version { get; private set; }
    public string Name { get; private set; } = "";
    public string BodyJson { get; private set; } = "";

    public WorkflowDefinitionBody Body => body ??= Bodies.GetOrAdd(BodyJson, json =>
        JsonSerializer.Deserialize<WorkflowDefinitionBody>(json, JsonOptions)
        ?? throw new InvalidOperationException($"Workflow definition {Key} v{Version} has no body."));
}

public sealed record WorkflowDefinitionBody(
    string InitialStage,
    IReadOnlyList<StageDefinition> Stages,
    IReadOnlyList<TransitionDefinition> Transitions)
{
    public StageDefinition Stage(string code) =>
        Stages.FirstOrDefault(s => s.Code == code) ?? throw new InvalidOperationException($"Unknown stage {code}.");

    public bool HasStage(string code) => Stages.Any(s => s.Code == code);
}

/// <param name="Code">Stable identifier stored on the evaluation.</param>
/// <param name="Name">Chinese label.</param>
/// <param name="HolderRole">The role that holds an evaluation in this stage (its inbox); null when nobody must act.</param>
/// <param name="TimeLimitWorkingDays">How long the holder has, in working days; null for no limit.</param>
/// <param name="WaitingMessage">Why other acts are refused while the evaluation waits here.</param>
/// <param name="SharedQueue">Holders share one queue: one claims an evaluation before acting on it.</param>
public sealed record StageDefinition(
    string Code,
    string Name,
    string? HolderRole,
    int? TimeLimitWorkingDays,
    string WaitingMessage,
    bool SharedQueue = false);

public sealed record TransitionDefinition(WorkflowAct Act, string From, string To, string Role);
