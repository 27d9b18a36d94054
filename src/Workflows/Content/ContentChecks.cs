using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Content;

public sealed record GroupScore(string Level1, decimal Weight, decimal Score);

/// <summary>One self-evaluation table scored: rule 4's budget-execution score, the groups, the total and the grade.</summary>
/// <param name="ExecutionRatePercent">全年执行数 ÷ 全年预算数, in percent to two decimals; null without a budget.</param>
/// <param name="QuantitativeSharePercent">Quantitative indicators among the applicable ones, in percent.</param>
public sealed record TableScore(
    string Part,
    string Label,
    decimal? ExecutionRatePercent,
    decimal BudgetExecutionWeight,
    decimal BudgetExecutionScore,
    IReadOnlyList<GroupScore> Groups,
    decimal Total,
    Grade Grade,
    decimal? QuantitativeSharePercent,
    IReadOnlyList<IndicatorAssessment> Indicators)
{
    public string GradeLabel => Grades.Label(Grade);
}

/// <summary>控制率 of 附件1, in percent to two decimals.</summary>
public sealed record BasicRates(decimal? StaffControlPercent, decimal? AreaControlPercent, decimal? InvestmentControlPercent);

/// <summary>Everything the checks found and computed. The evaluation's total and grade are the overall table's.</summary>
public sealed record ContentReport(
    IReadOnlyList<Finding> Findings,
    BasicRates Basic,
    TableScore Overall,
    IReadOnlyList<TableScore> Projects)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    public IEnumerable<Finding> Errors => Findings.Where(f => f.Severity == FindingSeverity.Error);
}

/// <summary>
/// The one engine for DOMAIN.md's eight rules, used by the screens, the API and Submit.
/// It reads the content and the template and never changes either.
/// </summary>
public static class ContentChecks
{
    public const string BasicPart = "basic";
    public const string OverallPart = "overall";

    public static ContentReport Run(EvaluationContent content, TemplateBody template)
    {
        var findings = new List<Finding>();
        var basic = BasicDataChecks.Run(content.Basic, template, findings);
        var overall = SelfEvaluationChecks.Run(OverallPart, "附件2", content.Overall, template, findings);
        var projects = content.Projects
            .Select((p, i) => SelfEvaluationChecks.Run(
                p.Id.ToString(), $"附件3「{(string.IsNullOrWhiteSpace(p.ProjectName) ? $"项目{i + 1}" : p.ProjectName)}」", p, template, findings))
            .ToList();
        findings.AddRange(ReportFigures.Check(content, template));
        return new ContentReport(findings, basic, overall, projects);
    }

    internal static void Required(List<Finding> findings, FindingLocation at, string table, string what, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            findings.Add(new Finding(FindingSeverity.Error, 0, at, $"{table} {what}：必填，未填写"));
        }
    }

    internal static decimal? Percent(decimal? part, decimal? whole) =>
        part is decimal p && whole is decimal w && w != 0 ? Figures.Round2(p / w * 100) : null;

    /// <summary>Rule 1: the parts add up to the whole, column by column.</summary>
    internal static void Sum(List<Finding> findings, FindingLocation at, string label, string partsName,
        decimal? whole, IEnumerable<decimal?> parts)
    {
        var values = parts.ToList();
        if (whole is null && values.All(v => v is null))
        {
            return;
        }

        var sum = values.Sum(v => v ?? 0);
        var found = whole ?? 0;
        if (sum != found)
        {
            findings.Add(new Finding(FindingSeverity.Error, 1, at,
                $"{label}：{partsName} {Figures.Amount(sum)}，填报 {Figures.Amount(whole)}，差 {Figures.Amount(Math.Abs(found - sum))}"));
        }
    }
}
