namespace EvalWorkflow.Workflows.Content;

/// <summary>
/// The evaluation's content as one document: the report's sections and the three kinds of table.
/// It is what the content API reads and writes and what the checks run on. Amounts are in 万元.
/// </summary>
public sealed record EvaluationContent(
    IReadOnlyList<SectionContent> Sections,
    BasicDataTable Basic,
    SelfEvaluationTable Overall,
    IReadOnlyList<SelfEvaluationTable> Projects);

public sealed record SectionContent(string Code, string Title, string Markdown);

/// <summary>填表人, 联系电话, 填报日期 at the foot of each table.</summary>
public sealed record TableFooter(string? Filer = null, string? Phone = null, DateOnly? FiledOn = null);

/// <summary>One cost line of 附件1 with its three amounts.</summary>
public sealed record AmountLine(string Code, string Name, decimal? PriorYearActual, decimal? CurrentBudget, decimal? CurrentActual);

/// <summary>楼堂馆所控制情况: buildings finished this year.</summary>
public sealed record BuildingControl(
    decimal? ApprovedArea = null,
    decimal? ActualArea = null,
    decimal? BudgetedInvestment = null,
    decimal? ActualInvestment = null);

/// <summary>附件1 基础数据表.</summary>
public sealed record BasicDataTable(
    int? AuthorisedPosts,
    int? ActualStaff,
    IReadOnlyList<AmountLine> Lines,
    BuildingControl Buildings,
    string? SavingMeasures,
    TableFooter Footer);

public sealed record FundsLine(string Name, decimal? InitialBudget, decimal? AdjustedBudget, decimal? Executed);

public sealed record FundsSplit(string Name, IReadOnlyList<FundsLine> Lines);

/// <summary>年度总体目标: 预期目标 and 实际完成情况, as text.</summary>
public sealed record AnnualGoals(string? Expected = null, string? Achieved = null);

/// <summary>One scored line. <see cref="Score"/> null means the suggested score is claimed.</summary>
public sealed record IndicatorLine(
    string Level1,
    string Level2,
    string Name,
    string? Target,
    string? Actual,
    decimal? Weight,
    decimal? Score,
    string? DeviationExplanation);

/// <summary>
/// 附件2 整体支出绩效自评表 (no project fields) or one 附件3 项目支出绩效自评表.
/// <see cref="Id"/> names the table across saves; the client makes one up for a new project.
/// </summary>
public sealed record SelfEvaluationTable(
    Guid Id,
    string? ProjectName,
    string? SupervisingDepartment,
    string? ImplementingUnit,
    FundsLine Total,
    IReadOnlyList<FundsSplit> Splits,
    AnnualGoals Goals,
    IReadOnlyList<IndicatorLine> Indicators,
    TableFooter Footer);
