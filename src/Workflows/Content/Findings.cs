using System.Globalization;

namespace EvalWorkflow.Workflows.Content;

/// <summary>Errors block Submit; warnings do not.</summary>
public enum FindingSeverity
{
    Error,
    Warning,
}

/// <summary>
/// Where a finding points, so that a screen can show it beside its cell.
/// <see cref="Part"/> is <c>basic</c>, <c>overall</c> or a project table's id;
/// <see cref="Line"/> a 附件1 line code, <c>total</c>, <c>split:{i}:{j}</c>, <c>indicator:{i}</c>, <c>staff</c>, <c>buildings</c>, <c>goals</c>, <c>footer</c> or <c>header</c>;
/// <see cref="Column"/> the field's name in the content document.
/// </summary>
public sealed record FindingLocation(string Part, string? Line = null, string? Column = null)
{
    public string Key => $"{Part}|{Line}|{Column}";
}

/// <param name="Rule">The DOMAIN.md rule number (1–8), 0 for a required field, 9 for a report figure that differs from the tables.</param>
/// <param name="Message">Names the table, the line, the column, the expected and the found value, in Chinese.</param>
public sealed record Finding(FindingSeverity Severity, int Rule, FindingLocation At, string Message);

internal static class Figures
{
    public static string Amount(decimal value) => value.ToString("F2", CultureInfo.InvariantCulture);

    public static string Amount(decimal? value) => value is decimal v ? Amount(v) : "未填";

    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static string Column(string column) => column switch
    {
        nameof(AmountLine.PriorYearActual) => "上年决算数",
        nameof(AmountLine.CurrentBudget) => "本年预算数",
        nameof(AmountLine.CurrentActual) => "本年决算数",
        nameof(FundsLine.InitialBudget) => "年初预算数",
        nameof(FundsLine.AdjustedBudget) => "全年预算数",
        nameof(FundsLine.Executed) => "全年执行数",
        nameof(IndicatorLine.Weight) => "分值",
        nameof(IndicatorLine.Score) => "自评得分",
        nameof(IndicatorLine.Target) => "年度指标值",
        nameof(IndicatorLine.Actual) => "实际完成值",
        nameof(IndicatorLine.DeviationExplanation) => "偏差原因分析及改进措施",
        nameof(IndicatorLine.Name) => "三级指标",
        _ => column,
    };
}
