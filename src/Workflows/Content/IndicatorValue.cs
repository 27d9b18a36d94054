namespace EvalWorkflow.Workflows.Content;

/// <summary>How a target or actual value compares: written as a sign (≥), a word (不低于, 以内) or nothing.</summary>
public enum Comparison
{
    /// <summary>No comparison written: a plain measured value such as "95.12%".</summary>
    None,
    AtLeast,
    GreaterThan,
    AtMost,
    LessThan,
    Equal,

    /// <summary>A range such as "90%-95%" or "90～95%": <see cref="IndicatorValue.Number"/> is the lower bound.</summary>
    Between,
}

/// <summary>正向 (more is better), 反向 (less is better) or 定性 (a word, not a number).</summary>
public enum IndicatorDirection
{
    Positive,
    Reverse,
    Qualitative,
}

/// <summary>
/// A parsed 年度指标值 or 实际完成值. <see cref="Number"/> is normalised to <see cref="Unit"/>:
/// 万 and 亿 multiply (3.5万人次 → 35000 人次; 1.2亿元 → 12000 万元), ‰ becomes % (5‰ → 0.5 %),
/// a date becomes <see cref="Date"/> with no number. Full-width characters are read as their ASCII forms.
/// </summary>
public sealed record IndicatorValue(
    string Text,
    Comparison Comparison,
    decimal? Number,
    decimal? UpperNumber,
    string? Unit,
    DateOnly? Date,
    IndicatorDirection Direction,
    bool IsNotApplicable)
{
    public bool IsQuantitative => Direction != IndicatorDirection.Qualitative;

    /// <summary>True when the text carries a comparison (≥, 不低于, 以内 …): right for a target, wrong for an actual.</summary>
    public bool IsWrittenAsTarget => Comparison != Comparison.None;
}
