using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Content;

/// <summary>How a qualitative indicator was achieved: 达成 80–100 % of the weight, 部分达成 60–80 %, 未达成 0–60 %.</summary>
public enum QualitativeBand
{
    Achieved,
    PartlyAchieved,
    NotAchieved,
}

/// <summary>One indicator line read and scored: what the parser understood, whether the target was met, the suggestion.</summary>
/// <param name="Met">Null when the values cannot be compared (qualitative, different units, a value missing).</param>
/// <param name="OverAchievementPercent">How far the actual exceeds the target, in percent of the target; null when it does not.</param>
/// <param name="SuggestedScore">Per the scoring policy; null when there is nothing to suggest from.</param>
/// <param name="Score">The score that counts: the filer's, or else the suggestion, or else 0.</param>
public sealed record IndicatorAssessment(
    int Index,
    IndicatorValue Target,
    IndicatorValue Actual,
    bool IsNotApplicable,
    bool? Met,
    QualitativeBand? Band,
    decimal? OverAchievementPercent,
    decimal? SuggestedScore,
    decimal Score);

/// <summary>Rule 5 of DOMAIN.md: the suggested score of one indicator line.</summary>
public static class IndicatorScoring
{
    public static IndicatorAssessment Assess(int index, IndicatorLine line, ScoringPolicy policy)
    {
        var target = IndicatorValueParser.Parse(line.Target);
        var actual = IndicatorValueParser.Parse(line.Actual);
        var weight = line.Weight ?? 0;
        if (target.IsNotApplicable)
        {
            return new(index, target, actual, true, null, null, null, null, 0);
        }

        if (target.Direction == IndicatorDirection.Qualitative)
        {
            var band = BandOf(line.Actual);
            decimal? suggestion = string.IsNullOrWhiteSpace(line.Actual) ? null : Figures.Round2(weight * SuggestedShare(band));
            return new(index, target, actual, false, null, band, null, suggestion, line.Score ?? suggestion ?? 0);
        }

        var (met, ratio, excess) = Compare(target, actual);
        decimal? suggested = met switch
        {
            true when excess >= policy.OverAchievementPercent && policy.OverAchievementDeduction is decimal deduction =>
                Math.Max(0, weight - deduction),
            true => weight,
            false when ratio is decimal r => Figures.Round2(weight * Math.Clamp(r, 0, 1)),
            _ => null,
        };
        return new(index, target, actual, false, met, null, excess, suggested, line.Score ?? suggested ?? 0);
    }

    /// <summary>The lowest and highest share of the weight a qualitative band allows.</summary>
    public static (decimal Low, decimal High) Range(QualitativeBand band) => band switch
    {
        QualitativeBand.Achieved => (0.8m, 1m),
        QualitativeBand.PartlyAchieved => (0.6m, 0.8m),
        _ => (0m, 0.6m),
    };

    public static string Label(QualitativeBand band) => band switch
    {
        QualitativeBand.Achieved => "达成",
        QualitativeBand.PartlyAchieved => "部分达成",
        _ => "未达成",
    };

    private static decimal SuggestedShare(QualitativeBand band) => band switch
    {
        QualitativeBand.Achieved => 1m,
        QualitativeBand.PartlyAchieved => 0.7m,
        _ => 0m,
    };

    private static QualitativeBand BandOf(string? actual)
    {
        var text = actual ?? "";
        if (text.Contains("部分", StringComparison.Ordinal) || text.Contains("基本", StringComparison.Ordinal))
        {
            return QualitativeBand.PartlyAchieved;
        }

        string[] notAchieved = ["未达成", "未完成", "未实现", "未达到", "没有"];
        return notAchieved.Any(w => text.Contains(w, StringComparison.Ordinal)) ? QualitativeBand.NotAchieved : QualitativeBand.Achieved;
    }

    /// <returns>Whether the target was met; the achieved share of the target when not; the over-achievement in percent when over.</returns>
    private static (bool? Met, decimal? Ratio, decimal? ExcessPercent) Compare(IndicatorValue target, IndicatorValue actual)
    {
        if (target.Date is DateOnly due)
        {
            return actual.Date is DateOnly done ? (done <= due, null, null) : (null, null, null);
        }

        if (target.Number is not decimal goal || actual.Number is not decimal got
            || (target.Unit is not null && actual.Unit is not null && target.Unit != actual.Unit))
        {
            return (null, null, null);
        }

        if (target.Comparison == Comparison.Between && target.UpperNumber is decimal upper)
        {
            return got >= goal && got <= upper ? (true, null, null)
                : got < goal ? (false, Share(got, goal), null)
                : (false, Share(upper, got), null);
        }

        if (target.Direction == IndicatorDirection.Reverse)
        {
            var met = target.Comparison == Comparison.LessThan ? got < goal : got <= goal;
            return met
                ? (true, null, goal > 0 && got < goal ? Figures.Round2((goal - got) / goal * 100) : null)
                : (false, Share(goal, got), null);
        }

        var reached = target.Comparison == Comparison.GreaterThan ? got > goal : got >= goal;
        return reached
            ? (true, null, goal > 0 && got > goal ? Figures.Round2((got - goal) / goal * 100) : null)
            : (false, Share(got, goal), null);
    }

    private static decimal? Share(decimal part, decimal whole) => whole > 0 ? part / whole : null;
}
