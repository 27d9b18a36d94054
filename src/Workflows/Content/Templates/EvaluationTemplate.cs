using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvalWorkflow.Workflows.Evaluations;

namespace EvalWorkflow.Workflows.Content.Templates;

/// <summary>
/// One stored version of the evaluation package's shape: the report outline, the basic data lines, the funds splits,
/// the indicator groups and the scoring policy. A round picks a template by key; each evaluation pins the version.
/// A version never changes once stored: a change is a new version.
/// </summary>
public sealed class EvaluationTemplate
{
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Bodies by their JSON: a stored version never changes, so each is read once per process, not once per row.</summary>
    private static readonly ConcurrentDictionary<string, TemplateBody> Bodies = new(StringComparer.Ordinal);

    private TemplateBody? body;

    private EvaluationTemplate() { }

    public EvaluationTemplate(Guid id, string key, int version, string name, TemplateBody body)
    {
        Id = id;
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

    public TemplateBody Body => body ??= Bodies.GetOrAdd(BodyJson, json =>
        JsonSerializer.Deserialize<TemplateBody>(json, JsonOptions)
        ?? throw new InvalidOperationException($"Evaluation template {Key} v{Version} has no body."));
}

/// <param name="Outline">The report's sections; <see cref="OutlineSection.DraftedFrom"/> marks those drafted from the tables.</param>
/// <param name="BasicDataLines">附件1's cost lines. A line's parent is its code without the last ".n".</param>
/// <param name="OverallSplits">How 附件2 splits its funds total (by income, by expenditure).</param>
/// <param name="ProjectSplits">How 附件3 splits a project's funds total (by source).</param>
public sealed record TemplateBody(
    IReadOnlyList<OutlineSection> Outline,
    IReadOnlyList<BasicLineDefinition> BasicDataLines,
    IReadOnlyList<FundsSplitDefinition> OverallSplits,
    IReadOnlyList<FundsSplitDefinition> ProjectSplits,
    IReadOnlyList<IndicatorGroupDefinition> IndicatorGroups,
    ScoringPolicy Scoring);

/// <summary>How a line relates to its parent: a numbered part (the parts add up to the parent) or a 其中 part (never more than the parent).</summary>
public enum PartRelation
{
    None,
    Numbered,
    OfWhich,
}

/// <param name="FilerAddsParts">The filer adds the numbered parts (one line per project, per transfer).</param>
public sealed record BasicLineDefinition(string Code, string Name, PartRelation Relation, bool FilerAddsParts = false)
{
    public string? ParentCode => Code.LastIndexOf('.') is var dot and > 0 ? Code[..dot] : null;
}

public sealed record FundsSplitDefinition(string Name, IReadOnlyList<string> Lines);

/// <param name="Level1">一级指标, e.g. 产出指标.</param>
/// <param name="Weight">Points of the group; its lines' weights must add up to it.</param>
/// <param name="Level2">二级指标 in this group, e.g. 数量指标.</param>
public sealed record IndicatorGroupDefinition(string Level1, decimal Weight, IReadOnlyList<string> Level2);

/// <param name="ExecutionRateCap">Caps the total by the budget execution rate: rates from <c>FromPercent</c> (inclusive) to <c>ToPercent</c> (exclusive) allow at most <c>MaxTotal</c>.</param>
public sealed record ExecutionRateCap(decimal FromPercent, decimal ToPercent, decimal MaxTotal);

/// <summary>The scoring rules. The provincial rules are off by default and never hard-coded.</summary>
/// <param name="BudgetExecutionWeight">分值 of 预算执行率 (national default 10).</param>
/// <param name="OverAchievementPercent">Actual above target by this share or more needs an explanation (national default 30).</param>
/// <param name="RescaleWithoutNotApplicable">Drop 不适用 lines and rescale the rest to 100.</param>
/// <param name="ExecutionRateCaps">Cap the total by the execution rate; empty for none.</param>
/// <param name="OverAchievementDeduction">Points deducted from a line over-achieved by <see cref="OverAchievementPercent"/> or more; null for none.</param>
/// <param name="TargetRequired">A blank 年度指标值 is an error that blocks submission; by default a warning, as published
/// filings do leave it blank (a qualitative line scored by the filer).</param>
public sealed record ScoringPolicy(
    decimal BudgetExecutionWeight,
    GradeBands Grades,
    decimal OverAchievementPercent,
    bool RescaleWithoutNotApplicable = false,
    IReadOnlyList<ExecutionRateCap>? ExecutionRateCaps = null,
    decimal? OverAchievementDeduction = null,
    bool TargetRequired = false);

/// <summary>Lowest totals of 优, 良 and 中; below <see cref="Fair"/> is 差.</summary>
public sealed record GradeBands(decimal Excellent, decimal Good, decimal Fair)
{
    public Grade Of(decimal total) =>
        total >= Excellent ? Grade.Excellent : total >= Good ? Grade.Good : total >= Fair ? Grade.Fair : Grade.Poor;
}

public enum Grade
{
    Excellent,
    Good,
    Fair,
    Poor,
}

public static class Grades
{
    public static string Label(Grade grade) => grade switch
    {
        Grade.Excellent => "优",
        Grade.Good => "良",
        Grade.Fair => "中",
        _ => "差",
    };
}
