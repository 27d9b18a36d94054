using System.Globalization;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Setup;

namespace EvalWorkflow.Benchmarks;

/// <summary>
/// The demo health bureau's package (<see cref="ExampleContent.HealthBureau"/>) with its 附件2 grown to a given number of
/// indicator lines: realistic lines cycling through the template's groups, each group's weights adding up to its points.
/// </summary>
public static class IndicatorTable
{
    private sealed record Sample(string Level2, string Name, string Target, string Actual, string Revised, string? Explanation = null);

    private static readonly Dictionary<string, Sample[]> Samples = new()
    {
        ["产出指标"] =
        [
            new("数量指标", "基层医务人员培训人数", "1200人", "1180人", "1190人", "部分学员因岗位调整未能参训；下一年度提前摸底报名人数。"),
            new("数量指标", "家庭医生签约人数", "≥220万人", "227万人", "228万人"),
            new("质量指标", "免疫规划疫苗接种率", "≥95%", "96.5%", "96.8%"),
            new("时效指标", "突发公共卫生事件响应时间", "≤3个工作日", "2个工作日", "3个工作日", "建立24小时应急值守机制，响应明显提速；下一年度将目标调整为2个工作日内。"),
            new("成本指标", "人均培训成本", "≤800元", "760元", "755元"),
        ],
        ["效益指标"] =
        [
            new("社会效益指标", "居民健康素养水平", "显著提高", "达成", "基本达成"),
            new("社会效益指标", "甲乙类传染病发病率", "≤5‰", "3.2‰", "3.4‰", "免疫规划和监测预警成效明显，发病率低于目标较多；下一年度按近三年均值重新设定目标。"),
            new("经济效益指标", "基层门诊次均费用", "≤150元", "142元", "140元"),
            new("生态效益指标", "医疗废物规范处置率", "100%", "100%", "99.2%"),
            new("可持续影响指标", "卫生健康服务体系建设", "持续完善", "达成", "部分达成"),
        ],
        ["满意度指标"] =
        [
            new("服务对象满意度指标", "群众满意度", "≥90%", "93.5%", "94%"),
            new("服务对象满意度指标", "签约居民满意度", "≥85%", "88%", "89.5%"),
        ],
    };

    /// <summary>Each sample's actual value as the filer corrects it.</summary>
    private static readonly Dictionary<(string Target, string Actual), string> Revisions =
        Samples.Values.SelectMany(s => s).ToDictionary(s => (s.Target, s.Actual), s => s.Revised);

    public static TemplateBody Template { get; } = BuiltInTemplates.All()[0].Body;

    /// <summary>The package with <paramref name="lines"/> indicator lines in 附件2.</summary>
    public static EvaluationContent Evaluation(int lines)
    {
        var sections = Template.Outline.Select(o => new SectionContent(o.Code, o.Title, "")).ToList();
        var content = ExampleContent.HealthBureau(sections, Guid.NewGuid(), Guid.NewGuid());
        return content with { Overall = content.Overall with { Indicators = Indicators(lines) } };
    }

    /// <summary>
    /// The same package with <paramref name="cells"/> indicator cells changed, spread over the table:
    /// a corrected actual value, a score claimed below the weight, an explanation written.
    /// </summary>
    public static EvaluationContent WithChangedCells(EvaluationContent content, int cells)
    {
        var indicators = content.Overall.Indicators.ToList();
        for (var k = 0; k < cells; k++)
        {
            var i = k * indicators.Count / cells;
            var line = indicators[i];
            indicators[i] = (k % 3) switch
            {
                0 => line with { Actual = Revisions[(line.Target!, line.Actual!)] },
                1 => line with { Score = Math.Round((line.Weight ?? 0) * 0.9m, 2) },
                _ => line with { DeviationExplanation = $"经复核补充说明（第{k + 1}处）：受年中人员调整影响，部分工作顺延至次年一季度完成。" },
            };
        }

        return content with { Overall = content.Overall with { Indicators = indicators } };
    }

    private static List<IndicatorLine> Indicators(int count)
    {
        var groups = Template.IndicatorGroups;
        var byGroup = groups.Select(_ => new List<(Sample Sample, int Round)>()).ToList();
        for (var i = 0; i < count; i++)
        {
            var g = i % groups.Count;
            var samples = Samples[groups[g].Level1];
            var n = byGroup[g].Count;
            byGroup[g].Add((samples[n % samples.Length], (n / samples.Length) + 1));
        }

        return groups
            .SelectMany((group, g) => byGroup[g].Select((x, n) => new IndicatorLine(
                group.Level1,
                x.Sample.Level2,
                $"{x.Sample.Name}（第{x.Round.ToString(CultureInfo.InvariantCulture)}片区）",
                x.Sample.Target,
                x.Sample.Actual,
                Weight(group.Weight, byGroup[g].Count, n),
                null,
                x.Sample.Explanation)))
            .ToList();
    }

    /// <summary>The group's points shared out to two decimals, the last line taking what is left so that they add up.</summary>
    private static decimal Weight(decimal groupWeight, int lines, int index)
    {
        var share = Math.Floor(groupWeight * 100 / lines) / 100;
        return index < lines - 1 ? share : groupWeight - (share * (lines - 1));
    }
}
