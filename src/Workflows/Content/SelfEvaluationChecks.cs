using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Content;

/// <summary>附件2 and 附件3: funds sums and execution rate (rules 1, 2, 4), weights (3), scores (5, 6), quality (7), total and grade (8).</summary>
internal static class SelfEvaluationChecks
{
    private static readonly (string Column, Func<FundsLine, decimal?> Value)[] Columns =
    [
        (nameof(FundsLine.InitialBudget), l => l.InitialBudget),
        (nameof(FundsLine.AdjustedBudget), l => l.AdjustedBudget),
        (nameof(FundsLine.Executed), l => l.Executed),
    ];

    public static TableScore Run(string part, string table, SelfEvaluationTable content, TemplateBody template, List<Finding> findings)
    {
        var policy = template.Scoring;
        if (part != ContentChecks.OverallPart)
        {
            ContentChecks.Required(findings, new(part, "header", nameof(SelfEvaluationTable.ProjectName)), table, "项目名称", content.ProjectName);
        }

        var rate = CheckFunds(part, table, content, findings);
        var budgetScore = Figures.Round2(policy.BudgetExecutionWeight * Math.Min(rate ?? 0, 100) / 100);

        ContentChecks.Required(findings, new(part, "goals", nameof(AnnualGoals.Expected)), table, "年度总体目标 预期目标", content.Goals.Expected);
        ContentChecks.Required(findings, new(part, "goals", nameof(AnnualGoals.Achieved)), table, "年度总体目标 实际完成情况", content.Goals.Achieved);

        var assessments = content.Indicators.Select((line, i) => IndicatorScoring.Assess(i, line, policy)).ToList();
        for (var i = 0; i < content.Indicators.Count; i++)
        {
            CheckIndicator(part, table, content.Indicators[i], assessments[i], policy, findings);
        }

        var groups = template.IndicatorGroups.Select(group =>
        {
            var lines = content.Indicators.Select((line, i) => (line, a: assessments[i])).Where(x => x.line.Level1 == group.Level1).ToList();
            var weights = lines.Where(x => policy.RescaleWithoutNotApplicable || !x.a.IsNotApplicable).Sum(x => x.line.Weight ?? 0);
            if (weights != group.Weight)
            {
                findings.Add(new Finding(FindingSeverity.Error, 3, new(part, $"group:{group.Level1}", nameof(IndicatorLine.Weight)),
                    $"{table} {group.Level1} 分值：各行合计 {Figures.Amount(weights)}，应为 {Figures.Amount(group.Weight)}，差 {Figures.Amount(Math.Abs(group.Weight - weights))}"));
            }

            return new GroupScore(group.Level1, group.Weight, lines.Sum(x => x.a.Score));
        }).ToList();

        var total = budgetScore + groups.Sum(g => g.Score);
        var notApplicableWeight = content.Indicators.Where((_, i) => assessments[i].IsNotApplicable).Sum(l => l.Weight ?? 0);
        if (policy.RescaleWithoutNotApplicable && notApplicableWeight is > 0 and < 100)
        {
            total = total * 100 / (100 - notApplicableWeight);
        }

        if (rate is decimal r && policy.ExecutionRateCaps?.FirstOrDefault(c => r >= c.FromPercent && r < c.ToPercent) is { } cap)
        {
            total = Math.Min(total, cap.MaxTotal);
        }

        total = Figures.Round2(total);
        var applicable = assessments.Where(a => !a.IsNotApplicable).ToList();
        decimal? quantitativeShare = applicable.Count == 0
            ? null
            : Figures.Round2(100m * applicable.Count(a => a.Target.IsQuantitative) / applicable.Count);

        ContentChecks.Required(findings, new(part, "footer", nameof(TableFooter.Filer)), table, "填表人", content.Footer.Filer);
        ContentChecks.Required(findings, new(part, "footer", nameof(TableFooter.Phone)), table, "联系电话", content.Footer.Phone);

        return new TableScore(part, table, rate, policy.BudgetExecutionWeight, budgetScore, groups, total,
            policy.Grades.Of(total), quantitativeShare, assessments);
    }

    /// <returns>The execution rate in percent.</returns>
    private static decimal? CheckFunds(string part, string table, SelfEvaluationTable content, List<Finding> findings)
    {
        var total = content.Total;
        if (total.AdjustedBudget is null or <= 0)
        {
            findings.Add(new Finding(FindingSeverity.Error, 2, new(part, "total", nameof(FundsLine.AdjustedBudget)),
                $"{table} 资金总额 全年预算数：必填，应大于 0"));
        }

        if (total.Executed is null)
        {
            findings.Add(new Finding(FindingSeverity.Error, 2, new(part, "total", nameof(FundsLine.Executed)),
                $"{table} 资金总额 全年执行数：必填"));
        }

        for (var s = 0; s < content.Splits.Count; s++)
        {
            var split = content.Splits[s];
            foreach (var (column, value) in Columns)
            {
                ContentChecks.Sum(findings, new(part, "total", column), $"{table} 资金总额 {Figures.Column(column)}",
                    $"{split.Name}合计", value(total), split.Lines.Select(value));
            }
        }

        var rate = ContentChecks.Percent(total.Executed, total.AdjustedBudget);
        if (rate > 100)
        {
            findings.Add(new Finding(FindingSeverity.Warning, 2, new(part, "total", nameof(FundsLine.Executed)),
                $"{table} 执行率 {Figures.Amount(rate)}%：执行数超过全年预算数，请核实"));
        }

        return rate;
    }

    private static void CheckIndicator(string part, string table, IndicatorLine line, IndicatorAssessment a, ScoringPolicy policy,
        List<Finding> findings)
    {
        var row = $"indicator:{a.Index}";
        var label = $"{table} 第{a.Index + 1}行「{(string.IsNullOrWhiteSpace(line.Name) ? "未命名指标" : line.Name)}」";
        FindingLocation At(string column) => new(part, row, column);

        ContentChecks.Required(findings, At(nameof(IndicatorLine.Name)), label, "三级指标", line.Name);
        if (policy.TargetRequired)
        {
            ContentChecks.Required(findings, At(nameof(IndicatorLine.Target)), label, "年度指标值", line.Target);
        }
        else if (string.IsNullOrWhiteSpace(line.Target))
        {
            findings.Add(new Finding(FindingSeverity.Warning, 0, At(nameof(IndicatorLine.Target)),
                $"{label} 年度指标值：未填写；请在偏差原因分析中说明评分依据"));
        }
        if (a.IsNotApplicable)
        {
            if (line.Weight is > 0 && !policy.RescaleWithoutNotApplicable)
            {
                findings.Add(new Finding(FindingSeverity.Warning, 3, At(nameof(IndicatorLine.Weight)),
                    $"{label} 分值：不适用的指标不设分值，填报 {Figures.Amount(line.Weight)}，不计入合计"));
            }

            return;
        }

        ContentChecks.Required(findings, At(nameof(IndicatorLine.Actual)), label, "实际完成值", line.Actual);
        if (line.Weight is not decimal weight || weight <= 0)
        {
            findings.Add(new Finding(FindingSeverity.Error, 3, At(nameof(IndicatorLine.Weight)), $"{label} 分值：必填，应大于 0"));
            return;
        }

        if (line.Score is decimal score && (score < 0 || score > weight))
        {
            findings.Add(new Finding(FindingSeverity.Error, 5, At(nameof(IndicatorLine.Score)),
                $"{label} 自评得分：应在 0 至 {Figures.Amount(weight)} 之间，填报 {Figures.Amount(score)}"));
        }
        else if (line.Score is null && a.SuggestedScore is null && !string.IsNullOrWhiteSpace(line.Actual))
        {
            findings.Add(new Finding(FindingSeverity.Error, 5, At(nameof(IndicatorLine.Score)),
                $"{label} 自评得分：无法从指标值计算建议分，请填写"));
        }

        if (a.Band is null && line.Score is decimal higher && a.SuggestedScore is decimal suggested && higher > suggested && higher <= weight)
        {
            findings.Add(new Finding(FindingSeverity.Warning, 5, At(nameof(IndicatorLine.Score)),
                $"{label} 自评得分：按指标值计算建议得 {Figures.Amount(suggested)}，填报 {Figures.Amount(higher)}，高于建议得分，请核实"));
        }

        if (a.Band is QualitativeBand band && line.Score is decimal claimed)
        {
            var (low, high) = IndicatorScoring.Range(band);
            if (claimed < weight * low || claimed > weight * high)
            {
                findings.Add(new Finding(FindingSeverity.Warning, 5, At(nameof(IndicatorLine.Score)),
                    $"{label} 自评得分：{IndicatorScoring.Label(band)}应得 {Figures.Amount(weight * low)} 至 {Figures.Amount(weight * high)}，填报 {Figures.Amount(claimed)}"));
            }
        }

        var unexplained = string.IsNullOrWhiteSpace(line.DeviationExplanation);
        if (unexplained && a.Score < weight)
        {
            findings.Add(new Finding(FindingSeverity.Error, 6, At(nameof(IndicatorLine.DeviationExplanation)),
                $"{label} 偏差原因分析及改进措施：得分 {Figures.Amount(a.Score)} 低于分值 {Figures.Amount(weight)}，必须说明原因"));
        }
        else if (unexplained && a.OverAchievementPercent >= policy.OverAchievementPercent)
        {
            findings.Add(new Finding(FindingSeverity.Error, 6, At(nameof(IndicatorLine.DeviationExplanation)),
                $"{label} 偏差原因分析及改进措施：实际完成值超出目标 {Figures.Amount(a.OverAchievementPercent)}%（达到 {Figures.Amount(policy.OverAchievementPercent)}% 即须说明），请说明目标是否偏低"));
        }

        if (a.Actual.IsWrittenAsTarget)
        {
            findings.Add(new Finding(FindingSeverity.Warning, 7, At(nameof(IndicatorLine.Actual)),
                $"{label} 实际完成值：「{line.Actual}」写成了目标形式，应填实际测得的数值"));
        }

        if (string.IsNullOrWhiteSpace(line.Target))
        {
            return; // a blank target is said once, above; nothing below can be checked without one
        }

        if (!a.Target.IsQuantitative)
        {
            findings.Add(new Finding(FindingSeverity.Warning, 7, At(nameof(IndicatorLine.Target)),
                $"{label} 年度指标值：「{line.Target}」为定性表述，不可衡量，建议改为量化指标"));
        }
        else if (a.Target.Unit is null && a.Target.Date is null)
        {
            findings.Add(new Finding(FindingSeverity.Warning, 7, At(nameof(IndicatorLine.Target)),
                $"{label} 年度指标值：「{line.Target}」缺少计量单位"));
        }
        else if (a.Met is null && a.Actual.IsQuantitative && a.Target.Unit != a.Actual.Unit && a.Actual.Unit is not null)
        {
            findings.Add(new Finding(FindingSeverity.Warning, 7, At(nameof(IndicatorLine.Actual)),
                $"{label} 实际完成值：单位「{a.Actual.Unit}」与年度指标值的「{a.Target.Unit}」不一致，无法比较"));
        }
    }
}
