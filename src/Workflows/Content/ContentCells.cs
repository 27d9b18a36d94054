using System.Globalization;

namespace EvalWorkflow.Workflows.Content;

/// <summary>One cell of the tables as text, with where it is and what it is called in Chinese.</summary>
public sealed record ContentCell(FindingLocation At, string Label, string Value);

/// <summary>A line a reviewer can pin a comment to: a report section, a table line, an indicator.</summary>
public sealed record PinTarget(FindingLocation At, string Label);

/// <summary>The content flattened into labelled cells and lines: for comparing two versions and for pinning comments.</summary>
public static class ContentCells
{
    public const string ReportPart = "report";

    public static IEnumerable<ContentCell> Of(EvaluationContent content)
    {
        var basic = content.Basic;
        yield return Cell(ContentChecks.BasicPart, "staff", nameof(BasicDataTable.AuthorisedPosts), "附件1 编制数", basic.AuthorisedPosts);
        yield return Cell(ContentChecks.BasicPart, "staff", nameof(BasicDataTable.ActualStaff), "附件1 实际在职人数", basic.ActualStaff);
        foreach (var line in basic.Lines)
        {
            yield return Cell(ContentChecks.BasicPart, line.Code, nameof(AmountLine.Name), $"附件1 {line.Code} 名称", line.Name);
            yield return Cell(ContentChecks.BasicPart, line.Code, nameof(AmountLine.PriorYearActual), $"附件1 {line.Name} 上年决算数", line.PriorYearActual);
            yield return Cell(ContentChecks.BasicPart, line.Code, nameof(AmountLine.CurrentBudget), $"附件1 {line.Name} 本年预算数", line.CurrentBudget);
            yield return Cell(ContentChecks.BasicPart, line.Code, nameof(AmountLine.CurrentActual), $"附件1 {line.Name} 本年决算数", line.CurrentActual);
        }

        var b = basic.Buildings;
        yield return Cell(ContentChecks.BasicPart, "buildings", nameof(b.ApprovedArea), "附件1 楼堂馆所 核定面积", b.ApprovedArea);
        yield return Cell(ContentChecks.BasicPart, "buildings", nameof(b.ActualArea), "附件1 楼堂馆所 实际面积", b.ActualArea);
        yield return Cell(ContentChecks.BasicPart, "buildings", nameof(b.BudgetedInvestment), "附件1 楼堂馆所 预算投资", b.BudgetedInvestment);
        yield return Cell(ContentChecks.BasicPart, "buildings", nameof(b.ActualInvestment), "附件1 楼堂馆所 实际投资", b.ActualInvestment);
        yield return Cell(ContentChecks.BasicPart, "saving", null, "附件1 厉行节约保障措施", basic.SavingMeasures);
        foreach (var cell in Footer(ContentChecks.BasicPart, "附件1", basic.Footer))
        {
            yield return cell;
        }

        foreach (var cell in Table(ContentChecks.OverallPart, "附件2", content.Overall))
        {
            yield return cell;
        }

        foreach (var project in content.Projects)
        {
            foreach (var cell in Table(project.Id.ToString(), $"附件3「{project.ProjectName}」", project))
            {
                yield return cell;
            }
        }
    }

    public static IReadOnlyList<PinTarget> Targets(EvaluationContent content)
    {
        var targets = content.Sections.Select(s => new PinTarget(new(ReportPart, s.Code), $"报告 {s.Title}")).ToList();
        targets.AddRange(content.Basic.Lines.Select(l => new PinTarget(new(ContentChecks.BasicPart, l.Code), $"附件1 {l.Name}")));
        targets.AddRange(TableTargets(ContentChecks.OverallPart, "附件2", content.Overall));
        foreach (var project in content.Projects)
        {
            targets.AddRange(TableTargets(project.Id.ToString(), $"附件3「{project.ProjectName}」", project));
        }

        return targets;
    }

    private static IEnumerable<PinTarget> TableTargets(string part, string table, SelfEvaluationTable content)
    {
        yield return new PinTarget(new(part, "total"), $"{table} 资金情况");
        yield return new PinTarget(new(part, "goals"), $"{table} 年度总体目标");
        for (var i = 0; i < content.Indicators.Count; i++)
        {
            yield return new PinTarget(new(part, $"indicator:{i}"), $"{table} 第{i + 1}行「{content.Indicators[i].Name}」");
        }
    }

    private static IEnumerable<ContentCell> Table(string part, string table, SelfEvaluationTable content)
    {
        yield return Cell(part, "header", nameof(content.ProjectName), $"{table} 项目名称", content.ProjectName);
        yield return Cell(part, "header", nameof(content.SupervisingDepartment), $"{table} 主管部门", content.SupervisingDepartment);
        yield return Cell(part, "header", nameof(content.ImplementingUnit), $"{table} 实施单位", content.ImplementingUnit);
        foreach (var cell in Funds(part, "total", $"{table} 资金总额", content.Total))
        {
            yield return cell;
        }

        for (var s = 0; s < content.Splits.Count; s++)
        {
            for (var l = 0; l < content.Splits[s].Lines.Count; l++)
            {
                var line = content.Splits[s].Lines[l];
                foreach (var cell in Funds(part, $"split:{s}:{l}", $"{table} {content.Splits[s].Name} {line.Name}", line))
                {
                    yield return cell;
                }
            }
        }

        yield return Cell(part, "goals", nameof(AnnualGoals.Expected), $"{table} 预期目标", content.Goals.Expected);
        yield return Cell(part, "goals", nameof(AnnualGoals.Achieved), $"{table} 实际完成情况", content.Goals.Achieved);
        for (var i = 0; i < content.Indicators.Count; i++)
        {
            var line = content.Indicators[i];
            var row = $"indicator:{i}";
            var label = $"{table} 第{i + 1}行";
            yield return Cell(part, row, nameof(IndicatorLine.Level2), $"{label} 二级指标", $"{line.Level1}/{line.Level2}");
            yield return Cell(part, row, nameof(IndicatorLine.Name), $"{label} 三级指标", line.Name);
            yield return Cell(part, row, nameof(IndicatorLine.Target), $"{label}「{line.Name}」 年度指标值", line.Target);
            yield return Cell(part, row, nameof(IndicatorLine.Actual), $"{label}「{line.Name}」 实际完成值", line.Actual);
            yield return Cell(part, row, nameof(IndicatorLine.Weight), $"{label}「{line.Name}」 分值", line.Weight);
            yield return Cell(part, row, nameof(IndicatorLine.Score), $"{label}「{line.Name}」 自评得分", line.Score);
            yield return Cell(part, row, nameof(IndicatorLine.DeviationExplanation), $"{label}「{line.Name}」 偏差原因分析及改进措施", line.DeviationExplanation);
        }

        foreach (var cell in Footer(part, table, content.Footer))
        {
            yield return cell;
        }
    }

    private static IEnumerable<ContentCell> Funds(string part, string line, string label, FundsLine funds)
    {
        yield return Cell(part, line, nameof(FundsLine.InitialBudget), $"{label} 年初预算数", funds.InitialBudget);
        yield return Cell(part, line, nameof(FundsLine.AdjustedBudget), $"{label} 全年预算数", funds.AdjustedBudget);
        yield return Cell(part, line, nameof(FundsLine.Executed), $"{label} 全年执行数", funds.Executed);
    }

    private static IEnumerable<ContentCell> Footer(string part, string table, TableFooter footer)
    {
        yield return Cell(part, "footer", nameof(TableFooter.Filer), $"{table} 填表人", footer.Filer);
        yield return Cell(part, "footer", nameof(TableFooter.Phone), $"{table} 联系电话", footer.Phone);
        yield return Cell(part, "footer", nameof(TableFooter.FiledOn), $"{table} 填报日期", footer.FiledOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static ContentCell Cell(string part, string line, string? column, string label, decimal? value) =>
        new(new(part, line, column), label, value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "");

    private static ContentCell Cell(string part, string line, string? column, string label, string? value) =>
        new(new(part, line, column), label, value ?? "");
}
