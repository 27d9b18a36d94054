using System.Globalization;
using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Content.Exchange;

public static partial class TablesWorkbook
{
    /// <summary>附件2 or one 附件3. Rows without a key in the indicator block are new indicator lines.</summary>
    private static SelfEvaluationTable ReadSelfEvaluation(SheetReader sheet, Guid id, bool project, TemplateBody template)
    {
        var splits = project ? template.ProjectSplits : template.OverallSplits;
        var splitLines = splits.Select(s => new FundsLine?[s.Lines.Count]).ToArray();
        var seen = new Dictionary<string, int>();
        var total = new FundsLine(ContentShape.TotalLineName, null, null, null);
        (string? Name, string? Supervising, string? Implementing) header = default;
        var goals = new AnnualGoals();
        var indicators = new List<IndicatorLine>();
        var footer = new TableFooter();
        var inIndicators = false;
        foreach (var row in sheet.Rows)
        {
            var key = sheet.Key(row);
            if (key is null || key == Keys.Indicator || key.StartsWith(Keys.Indicator + ":", StringComparison.Ordinal))
            {
                if (key is not null || (inIndicators && !sheet.IsBlank(row)))
                {
                    indicators.Add(ReadIndicator(sheet, row, key, indicators.LastOrDefault(), template));
                }
                else if (!sheet.IsBlank(row))
                {
                    sheet.Problem(row, "", "此行不属于标准格式：只有绩效指标部分可以增加行");
                }

                continue;
            }

            if (IsTableKey(key) || !Once(sheet, seen, row, key))
            {
                continue;
            }

            inIndicators = key == Keys.IndicatorHeader;
            switch (key)
            {
                case Keys.Unit: sheet.Expect(row, 'B', ["单位名称"]); break;
                case Keys.Project when project:
                    sheet.Expect(row, 'B', ["项目名称"]);
                    header.Name = sheet.Text(row, "C");
                    break;
                case Keys.Departments when project:
                    sheet.Expect(row, 'B', ["主管部门", "", "", "", "实施单位"]);
                    (header.Supervising, header.Implementing) = (sheet.Text(row, "C"), sheet.Text(row, "G"));
                    break;
                case Keys.FundsHeader: sheet.Expect(row, 'B', FundsHeaders); break;
                case Keys.Total: total = Funds(sheet, row, ContentShape.TotalLineName); break;
                case Keys.GoalHeader: sheet.Expect(row, 'B', GoalHeaders); break;
                case Keys.Goals: goals = new AnnualGoals(sheet.Text(row, "D"), sheet.Text(row, "G")); break;
                case Keys.IndicatorHeader: sheet.Expect(row, 'B', IndicatorHeaders); break;
                case Keys.Sum: break;
                case Keys.Footer: footer = ReadFooter(sheet, row); break;
                default:
                    var split = key.Split(':');
                    if (split is ["split", var s] && int.TryParse(s, out var i) && i >= 0 && i < splits.Count)
                    {
                        sheet.Expect(row, 'B', [splits[i].Name]);
                    }
                    else if (split is ["split", var s2, var l] && int.TryParse(s2, out i) && i >= 0 && i < splits.Count
                        && int.TryParse(l, out var j) && j >= 0 && j < splits[i].Lines.Count)
                    {
                        sheet.Expect(row, 'B', [splits[i].Lines[j]]);
                        splitLines[i][j] = Funds(sheet, row, splits[i].Lines[j]);
                    }
                    else
                    {
                        UnknownRow(sheet, row, key);
                    }

                    break;
            }
        }

        if (indicators.Count > ContentShape.MaxIndicators)
        {
            sheet.Problem(0, "", $"最多 {ContentShape.MaxIndicators} 行指标");
        }

        Require(sheet, seen, [(Keys.Unit, "单位名称"), .. (project ? new[] { (Keys.Project, "项目名称"), (Keys.Departments, "主管部门") } : []),
            (Keys.FundsHeader, "年度资金"), (Keys.Total, "年度资金总额"),
            .. splits.SelectMany((s, i) => s.Lines.Select((l, j) => (Keys.Split(i, j), l)).Prepend((Keys.Split(i), s.Name))),
            (Keys.GoalHeader, "年度总体目标"), (Keys.Goals, "年度总体目标"), (Keys.IndicatorHeader, "绩效指标表头"), (Keys.Sum, "总分"), (Keys.Footer, "填表人")]);
        return new SelfEvaluationTable(id, header.Name, header.Supervising, header.Implementing, total,
            splits.Select((s, i) => new FundsSplit(s.Name, s.Lines.Select((l, j) => splitLines[i][j] ?? new FundsLine(l, null, null, null)).ToList())).ToList(),
            goals, indicators, footer);
    }

    private static FundsLine Funds(SheetReader sheet, int row, string name) =>
        new(name, sheet.Amount(row, "D"), sheet.Amount(row, "E"), sheet.Amount(row, "F"));

    /// <summary>
    /// The key of a line whose score cell shows the suggested <paramref name="suggested"/> (<c>indicator:9.85:1a2b3c4d</c>),
    /// with a fingerprint of what the suggestion was computed from.
    /// </summary>
    private static string SuggestionKey(decimal suggested, string? target, string? actual, decimal? weight) =>
        string.Create(CultureInfo.InvariantCulture, $"{Keys.Indicator}:{suggested:0.00}:{SuggestionInputs(target, actual, weight)}");

    private static string SuggestionInputs(string? target, string? actual, decimal? weight) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{target?.Trim()}\u001f{actual?.Trim()}\u001f{weight:0.####}"))))[..8];

    /// <summary>
    /// Empty 一级/二级 cells continue the line above. The key <c>indicator:9.85:…</c> says the score cell showed the
    /// suggested 9.85: left so with the target, actual value and weight as downloaded, the line keeps following the
    /// suggestion (score null). Once any of those changed, the 9.85 in the cell is the filer's score, kept as seen: the
    /// total in the system is then the one the sheet showed.
    /// </summary>
    private static IndicatorLine ReadIndicator(SheetReader sheet, int row, string? key, IndicatorLine? previous, TemplateBody template)
    {
        var (typedLevel1, typedLevel2) = (sheet.Text(row, "B"), sheet.Text(row, "C"));
        var level1 = typedLevel1 ?? previous?.Level1;
        var level2 = typedLevel2 ?? (typedLevel1 is null ? previous?.Level2 : null);
        var group = template.IndicatorGroups.FirstOrDefault(g => g.Level1 == level1);
        if (string.IsNullOrEmpty(level1))
        {
            sheet.Problem(row, "B", "缺少一级指标");
        }
        else if (group is null)
        {
            sheet.Problem(row, "B", $"一级指标「{level1}」不在模板中：应为{string.Join("、", template.IndicatorGroups.Select(g => g.Level1))}之一");
        }
        else if (level2 is null)
        {
            sheet.Problem(row, "C", "缺少二级指标");
        }
        else if (!group.Level2.Contains(level2))
        {
            sheet.Problem(row, "C", $"二级指标「{level2}」不属于「{level1}」：应为{string.Join("、", group.Level2)}之一");
        }

        var (target, actual, weight) = (sheet.Text(row, "E"), sheet.Text(row, "F"), sheet.Amount(row, "G"));
        var shown = key?.Split(':') is [_, var suggested, var inputs] && inputs == SuggestionInputs(target, actual, weight)
            && decimal.TryParse(suggested, NumberStyles.Number, CultureInfo.InvariantCulture, out var s)
            ? s
            : (decimal?)null;
        var score = sheet.Amount(row, "H");
        return new IndicatorLine(level1 ?? "", level2 ?? "", sheet.Text(row, "D") ?? "", target, actual,
            weight, score == shown ? null : score, sheet.Text(row, "I"));
    }
}
