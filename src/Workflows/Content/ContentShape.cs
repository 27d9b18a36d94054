using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Evaluations;

namespace EvalWorkflow.Workflows.Content;

/// <summary>
/// The shape a template gives the content: a blank package to start from, and the normalisation of a document
/// received from a screen, the API or an upload. Shape problems (an unknown line, a group the template does not have,
/// an amount with three decimals) refuse the whole document; the checks deal with everything else.
/// </summary>
public static class ContentShape
{
    public const int MaxIndicators = 500;
    public const int MaxProjects = 100;
    public const int MaxAddedLines = 300;
    public const int MaxText = 4000;
    public const decimal MaxAmount = 100_000_000m;

    public const string TotalLineName = "合计";

    public static BasicDataTable BlankBasic(TemplateBody template) => new(
        null, null,
        template.BasicDataLines.Select(d => new AmountLine(d.Code, d.Name, null, null, null)).ToList(),
        new BuildingControl(), null, new TableFooter());

    public static SelfEvaluationTable BlankTable(Guid id, TemplateBody template, bool project) => new(
        id, null, null, null,
        new FundsLine(TotalLineName, null, null, null),
        (project ? template.ProjectSplits : template.OverallSplits)
            .Select(s => new FundsSplit(s.Name, s.Lines.Select(l => new FundsLine(l, null, null, null)).ToList())).ToList(),
        new AnnualGoals(),
        template.IndicatorGroups.SelectMany(g => g.Level2.Take(1).Select(l2 => new IndicatorLine(g.Level1, l2, "", null, null, null, null, null))).ToList(),
        new TableFooter());

    /// <summary>Returns the content in the template's order with the template's names.</summary>
    /// <exception cref="Refusal">Listing every shape problem.</exception>
    public static EvaluationContent Normalize(EvaluationContent content, TemplateBody template, IReadOnlyList<ReportSection> sections)
    {
        var problems = new List<string>();
        if (content.Sections is null || content.Basic is null || content.Overall is null || content.Projects is null)
        {
            throw new Refusal(RefusalKind.Invalid, "内容不完整：须包含 Sections、Basic、Overall 和 Projects");
        }

        var missing = Missing(content).Distinct().Take(20).ToList();
        if (missing.Count > 0)
        {
            throw new Refusal(RefusalKind.Invalid, "内容不完整，未做任何更改：" + string.Join("；", missing));
        }

        var normalizedSections = sections.OrderBy(s => s.Order).Select(s =>
        {
            var given = content.Sections.FirstOrDefault(c => c.Code == s.Code);
            var markdown = given?.Markdown ?? s.Markdown;
            if (markdown.Length > ReportSection.MaxLength)
            {
                problems.Add($"报告「{s.Title}」过长：最多 {ReportSection.MaxLength} 字");
            }

            return new SectionContent(s.Code, s.Title, markdown);
        }).ToList();
        problems.AddRange(content.Sections.Where(c => sections.All(s => s.Code != c.Code)).Select(c => $"报告没有编号为「{c.Code}」的部分"));

        var basic = NormalizeBasic(content.Basic, template, problems);
        var overall = NormalizeTable(content.Overall, "附件2", template.OverallSplits, template, problems);
        if (content.Projects.Count > MaxProjects)
        {
            problems.Add($"项目支出绩效自评表最多 {MaxProjects} 张");
        }

        var projects = content.Projects
            .Select((p, i) => NormalizeTable(p, $"附件3 第{i + 1}张", template.ProjectSplits, template, problems))
            .ToList();
        if (projects.GroupBy(p => p.Id).Any(g => g.Key == Guid.Empty || g.Count() > 1))
        {
            problems.Add("每张项目表须有互不相同的 Id");
        }

        return problems.Count > 0
            ? throw new Refusal(RefusalKind.Invalid, "内容格式有误：" + string.Join("；", problems.Distinct().Take(20)))
            : new EvaluationContent(normalizedSections, basic, overall, projects);
    }

    /// <summary>
    /// The required parts of the document that are null — a JSON null, or a list element that is null. They are refused by
    /// name, never read as blank: a save that omitted a table's lines must not erase them.
    /// </summary>
    private static IEnumerable<string> Missing(EvaluationContent content)
    {
        foreach (var (section, i) in content.Sections.Select((x, i) => (x, i + 1)))
        {
            if (section?.Code is null || section.Markdown is null)
            {
                yield return $"报告第{i}部分缺少 code 或 markdown";
            }
        }

        var basic = content.Basic;
        if (basic.Lines is null || basic.Lines.Any(l => l?.Code is null))
        {
            yield return "附件1 缺少 lines（或某行缺少 code）";
        }

        if (basic.Buildings is null)
        {
            yield return "附件1 缺少 buildings";
        }

        if (basic.Footer is null)
        {
            yield return "附件1 缺少 footer";
        }

        foreach (var (table, label) in content.Projects.Select((p, i) => (p, $"附件3 第{i + 1}张")).Prepend((content.Overall, "附件2")))
        {
            if (table is null)
            {
                yield return $"{label} 为 null";
                continue;
            }

            if (table.Total is null)
            {
                yield return $"{label} 缺少 total";
            }

            if (table.Splits is null || table.Splits.Any(x => x?.Name is null || x.Lines is null || x.Lines.Any(l => l?.Name is null)))
            {
                yield return $"{label} 缺少 splits（或某分类缺少 name、lines）";
            }

            if (table.Goals is null)
            {
                yield return $"{label} 缺少 goals";
            }

            if (table.Indicators is null || table.Indicators.Any(l => l?.Level1 is null || l.Level2 is null || l.Name is null))
            {
                yield return $"{label} 缺少 indicators（或某行指标缺少 level1、level2、name）";
            }

            if (table.Footer is null)
            {
                yield return $"{label} 缺少 footer";
            }
        }
    }

    private static BasicDataTable NormalizeBasic(BasicDataTable basic, TemplateBody template, List<string> problems)
    {
        var given = (basic.Lines ?? []).ToList();
        var definitions = template.BasicDataLines;
        var lines = new List<AmountLine>();
        foreach (var definition in definitions)
        {
            var line = given.FirstOrDefault(l => l.Code == definition.Code);
            lines.Add(new AmountLine(definition.Code, definition.Name,
                Amount(line?.PriorYearActual, $"附件1 {definition.Name}", problems),
                Amount(line?.CurrentBudget, $"附件1 {definition.Name}", problems),
                Amount(line?.CurrentActual, $"附件1 {definition.Name}", problems)));
            if (!definition.FilerAddsParts)
            {
                continue;
            }

            var added = given.Where(l => l.Code.StartsWith(definition.Code + ".", StringComparison.Ordinal)).ToList();
            for (var i = 0; i < added.Count; i++)
            {
                var name = Text(added[i].Name, $"附件1 {definition.Name} 分项", problems);
                if (string.IsNullOrWhiteSpace(name))
                {
                    problems.Add($"附件1 {definition.Name} 第{i + 1}个分项缺少名称");
                }

                lines.Add(new AmountLine($"{definition.Code}.{i + 1}", name ?? "",
                    Amount(added[i].PriorYearActual, $"附件1 {name}", problems),
                    Amount(added[i].CurrentBudget, $"附件1 {name}", problems),
                    Amount(added[i].CurrentActual, $"附件1 {name}", problems)));
            }
        }

        var known = lines.Select(l => l.Code).ToHashSet();
        var addable = definitions.Where(d => d.FilerAddsParts).Select(d => d.Code + ".").ToList();
        problems.AddRange(given
            .Where(l => !known.Contains(l.Code) && !addable.Any(prefix => l.Code?.StartsWith(prefix, StringComparison.Ordinal) == true))
            .Select(l => $"附件1 没有编号为「{l.Code}」的行"));
        if (lines.Count > definitions.Count + MaxAddedLines)
        {
            problems.Add($"附件1 最多增加 {MaxAddedLines} 个分项");
        }

        var buildings = basic.Buildings ?? new BuildingControl();
        if (basic.AuthorisedPosts < 0 || basic.ActualStaff < 0)
        {
            problems.Add("附件1 人数不能为负");
        }

        return new BasicDataTable(basic.AuthorisedPosts, basic.ActualStaff, lines,
            new BuildingControl(
                Amount(buildings.ApprovedArea, "附件1 楼堂馆所 核定面积", problems),
                Amount(buildings.ActualArea, "附件1 楼堂馆所 实际面积", problems),
                Amount(buildings.BudgetedInvestment, "附件1 楼堂馆所 预算投资", problems),
                Amount(buildings.ActualInvestment, "附件1 楼堂馆所 实际投资", problems)),
            Text(basic.SavingMeasures, "附件1 厉行节约保障措施", problems),
            Footer(basic.Footer, "附件1", problems));
    }

    private static SelfEvaluationTable NormalizeTable(SelfEvaluationTable table, string label, IReadOnlyList<FundsSplitDefinition> splits,
        TemplateBody template, List<string> problems)
    {
        var givenSplits = table.Splits ?? [];
        var normalizedSplits = splits.Select(definition =>
        {
            var given = givenSplits.FirstOrDefault(s => s.Name == definition.Name)?.Lines ?? [];
            problems.AddRange(given.Where(l => !definition.Lines.Contains(l.Name)).Select(l => $"{label} {definition.Name}没有「{l.Name}」一行"));
            return new FundsSplit(definition.Name, definition.Lines
                .Select(name => given.FirstOrDefault(l => l.Name == name) is { } l
                    ? Funds(l with { Name = name }, $"{label} {name}", problems)
                    : new FundsLine(name, null, null, null))
                .ToList());
        }).ToList();
        problems.AddRange(givenSplits.Where(s => splits.All(d => d.Name != s.Name)).Select(s => $"{label} 没有「{s.Name}」这一分类"));

        var indicators = table.Indicators ?? [];
        if (indicators.Count > MaxIndicators)
        {
            problems.Add($"{label} 最多 {MaxIndicators} 行指标");
        }

        var normalizedIndicators = indicators.Select((line, i) =>
        {
            var group = template.IndicatorGroups.FirstOrDefault(g => g.Level1 == line.Level1);
            if (group is null)
            {
                problems.Add($"{label} 第{i + 1}行指标：一级指标「{line.Level1}」不在模板中");
            }
            else if (!group.Level2.Contains(line.Level2))
            {
                problems.Add($"{label} 第{i + 1}行指标：二级指标「{line.Level2}」不属于「{group.Level1}」");
            }

            var where = $"{label} 第{i + 1}行指标";
            return new IndicatorLine(line.Level1, line.Level2, Text(line.Name, where, problems) ?? "",
                Text(line.Target, where, problems), Text(line.Actual, where, problems),
                Amount(line.Weight, where, problems), Amount(line.Score, where, problems),
                Text(line.DeviationExplanation, where, problems));
        }).ToList();

        var goals = table.Goals ?? new AnnualGoals();
        return new SelfEvaluationTable(table.Id,
            Text(table.ProjectName, label, problems), Text(table.SupervisingDepartment, label, problems), Text(table.ImplementingUnit, label, problems),
            Funds((table.Total ?? new FundsLine(TotalLineName, null, null, null)) with { Name = TotalLineName }, $"{label} 资金总额", problems),
            normalizedSplits,
            new AnnualGoals(Text(goals.Expected, label, problems), Text(goals.Achieved, label, problems)),
            normalizedIndicators,
            Footer(table.Footer, label, problems));
    }

    private static FundsLine Funds(FundsLine line, string where, List<string> problems) => new(line.Name,
        Amount(line.InitialBudget, where, problems), Amount(line.AdjustedBudget, where, problems), Amount(line.Executed, where, problems));

    private static TableFooter Footer(TableFooter? footer, string where, List<string> problems) => footer is null
        ? new TableFooter()
        : new TableFooter(Text(footer.Filer, where, problems), Text(footer.Phone, where, problems), footer.FiledOn);

    private static decimal? Amount(decimal? value, string where, List<string> problems)
    {
        if (value is not decimal v)
        {
            return null;
        }

        if (Math.Abs(v) > MaxAmount)
        {
            problems.Add($"{where}：数值 {v} 超出范围");
        }
        else if (decimal.Round(v, 2) != v)
        {
            problems.Add($"{where}：数值 {v} 最多保留两位小数");
        }

        return v;
    }

    private static string? Text(string? value, string where, List<string> problems)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text?.Length > MaxText)
        {
            problems.Add($"{where}：文字过长，最多 {MaxText} 字");
        }

        return text;
    }
}
