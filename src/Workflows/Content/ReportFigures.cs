using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Evaluations;

namespace EvalWorkflow.Workflows.Content;

/// <summary>
/// The report sections whose figures stand in the tables: drafted from the tables on request, and checked against them
/// so that text and tables cannot disagree (a real report says 公用经费 75.65 where its table says 75.64).
/// </summary>
public static partial class ReportFigures
{
    /// <summary>The section drafted from the tables, or null when the template gives it no figures.</summary>
    public static string? Draft(SectionDraft draft, EvaluationContent content, int fiscalYear) => draft switch
    {
        SectionDraft.GeneralBudget => GeneralBudget(content, fiscalYear),
        SectionDraft.GovernmentFunds => Figure(content, SectionDraft.GovernmentFunds, "政府性基金预算支出") is decimal funds and not 0
            ? $"{fiscalYear}年度，政府性基金预算支出 {Amount(funds)} 万元。"
            : $"{fiscalYear}年度，本单位无政府性基金预算支出。",
        _ => null,
    };

    /// <summary>Rule "text agrees with the tables": every figure the text states for a known item must be the table's.</summary>
    public static IEnumerable<Finding> Check(EvaluationContent content, TemplateBody template)
    {
        foreach (var outline in template.Outline.Where(o => o.Draft != SectionDraft.None))
        {
            var text = content.Sections.FirstOrDefault(s => s.Code == outline.Code)?.Markdown ?? "";
            foreach (var label in Labels(outline.Draft))
            {
                if (Figure(content, outline.Draft, label) is not decimal expected)
                {
                    continue;
                }

                foreach (Match match in StatedFigure(label).Matches(text))
                {
                    var stated = decimal.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    if (Figures.Round2(stated) != Figures.Round2(expected))
                    {
                        yield return new Finding(FindingSeverity.Warning, 9, new(ContentCells.ReportPart, outline.Code),
                            $"报告 {outline.Title}：正文中{label} {Amount(stated)} 万元，附表为 {Amount(expected)} 万元");
                    }
                }
            }
        }
    }

    private static string GeneralBudget(EvaluationContent content, int fiscalYear)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{fiscalYear}年度，一般公共预算支出 {Amount(Figure(content, SectionDraft.GeneralBudget, "一般公共预算支出"))} 万元。\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"（一）基本支出情况\n\n基本支出 {Amount(Figure(content, SectionDraft.GeneralBudget, "基本支出"))} 万元，其中公用经费 {Amount(Figure(content, SectionDraft.GeneralBudget, "公用经费"))} 万元。\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"（二）项目支出情况\n\n项目支出 {Amount(Figure(content, SectionDraft.GeneralBudget, "项目支出"))} 万元");
        var projects = content.Basic.Lines
            .Where(l => l.Code.Count(c => c == '.') == 2 && l.Code.StartsWith("2.", StringComparison.Ordinal) && l.CurrentActual is not null)
            .Select(l => $"{l.Name} {Amount(l.CurrentActual)} 万元")
            .ToList();
        text.Append(projects.Count > 0 ? $"，主要用于：{string.Join("；", projects)}。" : "。");
        return text.ToString();
    }

    private static IEnumerable<string> Labels(SectionDraft draft) => draft switch
    {
        SectionDraft.GeneralBudget => ["一般公共预算支出", "基本支出", "公用经费", "项目支出"],
        SectionDraft.GovernmentFunds => ["政府性基金预算支出"],
        _ => [],
    };

    private static decimal? Figure(EvaluationContent content, SectionDraft draft, string label) => (draft, label) switch
    {
        (_, "一般公共预算支出") => Split(content, "一般公共预算"),
        (_, "基本支出") => Split(content, "基本支出"),
        (_, "项目支出") => Split(content, "项目支出"),
        (_, "公用经费") => content.Basic.Lines.FirstOrDefault(l => l.Code == "3")?.CurrentActual,
        (_, "政府性基金预算支出") => Split(content, "政府性基金拨款"),
        _ => null,
    };

    private static decimal? Split(EvaluationContent content, string line) =>
        content.Overall.Splits.SelectMany(s => s.Lines).FirstOrDefault(l => l.Name == line)?.Executed;

    private static string Amount(decimal? value) => value is decimal v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "（附表未填）";

    /// <summary>The label, at most a linking word (为, 共, 合计 …), then an amount in 万元.</summary>
    private static Regex StatedFigure(string label) => label switch
    {
        "一般公共预算支出" => GeneralBudgetFigure(),
        "基本支出" => BasicFigure(),
        "公用经费" => CommonFigure(),
        "项目支出" => ProjectFigure(),
        _ => GovernmentFundsFigure(),
    };

    private const string Link = @"\s*(?:为|共|共计|合计|总计|总额|达|：|:)?\s*([\d,]+(?:\.\d+)?)\s*万元";

    [GeneratedRegex("一般公共预算支出" + Link)]
    private static partial Regex GeneralBudgetFigure();

    [GeneratedRegex("(?<!部门)基本支出" + Link)]
    private static partial Regex BasicFigure();

    [GeneratedRegex("公用经费" + Link)]
    private static partial Regex CommonFigure();

    [GeneratedRegex("项目支出" + Link)]
    private static partial Regex ProjectFigure();

    [GeneratedRegex("政府性基金预算支出" + Link)]
    private static partial Regex GovernmentFundsFigure();
}
