using System.Globalization;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Setup;

namespace EvalWorkflow.Workflows.Tests.Content;

/// <summary>
/// DOMAIN.md's eight rules on one complete evaluation (<see cref="SampleEvaluation"/>): its exact results first,
/// then for each rule a passing case and a failing one made by changing one thing in the sample.
/// </summary>
public sealed class ContentChecksTests
{
    private const string Basic = ContentChecks.BasicPart;
    private const string Overall = ContentChecks.OverallPart;

    private static readonly string Nutrition = SampleEvaluation.NutritionId.ToString();
    private static readonly string Repair = SampleEvaluation.RepairId.ToString();

    /// <summary>The sample's only findings: its two qualitative targets.</summary>
    private static readonly Finding[] SampleFindings =
    [
        new(FindingSeverity.Warning, 7, new(Overall, "indicator:8", "Target"),
            "附件2 第9行「教育均衡发展水平」 年度指标值：「持续提升」为定性表述，不可衡量，建议改为量化指标"),
        new(FindingSeverity.Warning, 7, new(Nutrition, "indicator:3", "Target"),
            "附件3「学生营养改善计划」 第4行「学生营养健康状况」 年度指标值：「明显改善」为定性表述，不可衡量，建议改为量化指标"),
    ];

    private static decimal D(string number) => decimal.Parse(number, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static ContentReport Run(EvaluationContent content, TemplateBody? template = null) =>
        ContentChecks.Run(content, template ?? SampleEvaluation.Template);

    private static ContentReport RunSample() => Run(SampleEvaluation.Build());

    private static ContentReport RunOverall(Func<SelfEvaluationTable, SelfEvaluationTable> change, TemplateBody? template = null) =>
        Run(SampleEvaluation.Build().WithOverall(change), template);

    private static ContentReport RunIndicator(int index, Func<IndicatorLine, IndicatorLine> change, TemplateBody? template = null) =>
        RunOverall(t => t.WithIndicator(index, change), template);

    /// <summary>What a change added to the sample's findings.</summary>
    private static List<Finding> NewFindings(ContentReport report) => report.Findings.Except(SampleFindings).ToList();

    private static List<Finding> OfRule(ContentReport report, int rule) => report.Findings.Where(f => f.Rule == rule).ToList();

    private static GroupScore[] Groups(decimal output, decimal effect, decimal satisfaction) =>
        [new("产出指标", 50, output), new("效益指标", 30, effect), new("满意度指标", 10, satisfaction)];

    // ---- the complete example ----

    [Fact]
    public void A_blank_target_is_a_warning_unless_the_template_requires_targets()
    {
        var lenient = RunIndicator(0, line => line with { Target = null, Score = 5 });
        var strict = RunIndicator(0, line => line with { Target = null, Score = 5 },
            SampleEvaluation.Template with { Scoring = SampleEvaluation.Template.Scoring with { TargetRequired = true } });

        var at = new FindingLocation(ContentChecks.OverallPart, "indicator:0", nameof(IndicatorLine.Target));
        Assert.Equal(FindingSeverity.Warning, Assert.Single(lenient.Findings, f => f.At == at).Severity);
        Assert.DoesNotContain(lenient.Errors, f => f.At == at);
        Assert.Contains(strict.Errors, f => f.At == at && f.Message.Contains("年度指标值：必填"));
    }

    [Fact]
    public void The_sample_evaluation_scores_98_25_excellent()
    {
        var overall = RunSample().Overall;

        Assert.Equal(Overall, overall.Part);
        Assert.Equal("附件2", overall.Label);
        Assert.Equal(98.26m, overall.ExecutionRatePercent);
        Assert.Equal(10m, overall.BudgetExecutionWeight);
        Assert.Equal(9.83m, overall.BudgetExecutionScore);
        Assert.Equal(Groups(49.42m, 29.00m, 10.00m), overall.Groups);
        Assert.Equal(98.25m, overall.Total);
        Assert.Equal(Grade.Excellent, overall.Grade);
        Assert.Equal("优", overall.GradeLabel);
        Assert.Equal(88.89m, overall.QuantitativeSharePercent);
    }

    [Fact]
    public void The_sample_basic_data_has_its_control_rates()
    {
        Assert.Equal(new BasicRates(91.76m, 98.33m, 98.00m), RunSample().Basic);
    }

    [Fact]
    public void The_sample_project_tables_are_scored_each_on_its_own()
    {
        var projects = RunSample().Projects;

        Assert.Equal(2, projects.Count);
        var nutrition = projects[0];
        Assert.Equal((Nutrition, SampleEvaluation.Nutrition), (nutrition.Part, nutrition.Label));
        Assert.Equal(98.94m, nutrition.ExecutionRatePercent);
        Assert.Equal(9.89m, nutrition.BudgetExecutionScore);
        Assert.Equal(Groups(50, 30, 10), nutrition.Groups);
        Assert.Equal(99.89m, nutrition.Total);
        Assert.Equal(Grade.Excellent, nutrition.Grade);
        Assert.Equal(80.00m, nutrition.QuantitativeSharePercent);

        var repair = projects[1];
        Assert.Equal((Repair, SampleEvaluation.Repair), (repair.Part, repair.Label));
        Assert.Equal(90.12m, repair.ExecutionRatePercent);
        Assert.Equal(9.01m, repair.BudgetExecutionScore);
        Assert.Equal(Groups(49.00m, 30, 10), repair.Groups);
        Assert.Equal(98.01m, repair.Total);
        Assert.Equal(Grade.Excellent, repair.Grade);
        Assert.Equal(100.00m, repair.QuantitativeSharePercent);
    }

    [Fact]
    public void The_sample_has_no_errors_and_exactly_two_warnings_for_its_qualitative_targets()
    {
        var report = RunSample();

        Assert.False(report.HasErrors);
        Assert.Empty(report.Errors);
        Assert.Equal(SampleFindings, report.Findings);
        Assert.All(report.Findings, f => Assert.Equal((FindingSeverity.Warning, 7), (f.Severity, f.Rule)));
    }

    [Fact]
    public void The_sample_indicators_are_assessed_line_by_line()
    {
        var lines = RunSample().Overall.Indicators;

        Assert.Equal(Enumerable.Range(0, 10), lines.Select(a => a.Index));
        Assert.Equal<decimal>([10, 9.42m, 10, 10, 10, 0, 10, 10, 9, 10], lines.Select(a => a.Score));
        Assert.Equal<decimal?>([10, 9.42m, 10, 10, 10, null, 10, 10, 10, 10], lines.Select(a => a.SuggestedScore));
        Assert.Equal<bool?>([true, false, true, true, true, null, true, true, null, true], lines.Select(a => a.Met));
        Assert.Equal<decimal?>([4.88m, null, 1.22m, null, 2.61m, null, null, 4.00m, null, 5.00m], lines.Select(a => a.OverAchievementPercent));
        Assert.Equal(5, Assert.Single(lines, a => a.IsNotApplicable).Index);
        Assert.Equal(QualitativeBand.Achieved, lines[8].Band);
        Assert.Equal(IndicatorDirection.Reverse, lines[4].Target.Direction);
        Assert.Equal(new DateOnly(2024, 11, 30), lines[3].Target.Date);
    }

    [Fact]
    public void The_demo_health_bureau_has_no_errors_and_scores_99_60_excellent()
    {
        var template = BuiltInTemplates.All()[0].Body;
        var sections = template.Outline.Select(o => new SectionContent(o.Code, o.Title, "")).ToList();

        var report = ContentChecks.Run(ExampleContent.HealthBureau(sections, Guid.NewGuid(), Guid.NewGuid()), template);

        Assert.Empty(report.Errors);
        Assert.False(report.HasErrors);
        Assert.Equal(98.50m, report.Overall.ExecutionRatePercent);
        Assert.Equal(9.85m, report.Overall.BudgetExecutionScore);
        Assert.Equal(99.60m, report.Overall.Total);
        Assert.Equal(Grade.Excellent, report.Overall.Grade);
    }

    // ---- rule 1: sums ----

    [Fact]
    public void Every_sum_of_the_sample_adds_up_in_every_column()
    {
        Assert.Empty(OfRule(RunSample(), 1));
    }

    [Fact]
    public void Numbered_parts_that_do_not_add_up_are_an_error_in_that_column_only()
    {
        var report = Run(SampleEvaluation.Build().WithBasicLine("2.1", l => l with { CurrentActual = 313.45m }));

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 1, new(Basic, "2", "CurrentActual"),
            "附件1 项目支出 本年决算数：分项合计 2823.40，填报 2826.40，差 3.00"), finding);
        Assert.DoesNotContain(report.Findings, f => f.At.Column is "PriorYearActual" or "CurrentBudget");
    }

    [Theory]
    [InlineData("PriorYearActual", "上年决算数", "2655.00", "2658.00")]
    [InlineData("CurrentBudget", "本年预算数", "2980.00", "2983.00")]
    [InlineData("CurrentActual", "本年决算数", "2826.40", "2829.40")]
    public void A_line_that_disagrees_with_its_numbered_parts_is_an_error_in_that_column_only(
        string column, string columnLabel, string sum, string filed)
    {
        var report = Run(SampleEvaluation.Build().WithBasicLine("2", l => l.Add(column, 3.00m)));

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 1, new(Basic, "2", column),
            $"附件1 项目支出 {columnLabel}：分项合计 {sum}，填报 {filed}，差 3.00"), finding);
    }

    [Fact]
    public void A_project_line_that_does_not_add_up_is_reported_at_the_special_funds_line_it_belongs_to()
    {
        var report = Run(SampleEvaluation.Build().WithBasicLine("2.3.2", l => l with { CurrentActual = 1234.60m }));

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 1, new(Basic, "2.3", "CurrentActual"),
            "附件1 本级专项资金 本年决算数：分项合计 1946.95，填报 1955.95，差 9.00"), finding);
    }

    [Fact]
    public void The_three_public_expenses_are_the_sum_of_cars_travel_abroad_and_receptions()
    {
        var report = Run(SampleEvaluation.Build().WithBasicLine("1.3", l => l with { PriorYearActual = 6.00m }));

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 1, new(Basic, "1", "PriorYearActual"),
            "附件1 三公经费 上年决算数：分项合计 24.50，填报 24.70，差 0.20"), finding);
    }

    [Fact]
    public void Of_which_parts_exceeding_their_line_are_an_error_in_that_column_only()
    {
        var report = Run(SampleEvaluation.Build().WithBasicLine("1.1.1", l => l with { CurrentBudget = 12.50m }));

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 1, new(Basic, "1.1", "CurrentBudget"),
            "附件1 公务用车购置和维护经费 本年预算数：其中各项合计 22.50，超过填报 22.00，多 0.50"), finding);
    }

    [Fact]
    public void Of_which_parts_may_equal_their_line_or_fall_short_of_it()
    {
        // 公务用车 = 公车购置 + 公车运行维护 exactly; 公用经费 is more than its 其中 lines.
        var report = Run(SampleEvaluation.Build().WithBasicLine("3.1", l => l with { CurrentActual = 50.00m }));

        Assert.Empty(NewFindings(report));
    }

    [Theory]
    [InlineData("InitialBudget", "年初预算数", "8821.50", "8820.00")]
    [InlineData("AdjustedBudget", "全年预算数", "9227.10", "9225.60")]
    [InlineData("Executed", "全年执行数", "9066.80", "9065.30")]
    public void An_income_split_that_does_not_add_up_to_the_total_is_an_error_in_that_column_only(
        string column, string columnLabel, string sum, string total)
    {
        var report = RunOverall(t => t.WithSplitLine("按收入性质分", "其他资金", l => l.Add(column, 1.50m)));

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 1, new(Overall, "total", column),
            $"附件2 资金总额 {columnLabel}：按收入性质分合计 {sum}，填报 {total}，差 1.50"), finding);
    }

    [Theory]
    [InlineData("InitialBudget", "年初预算数", "8818.00", "8820.00")]
    [InlineData("AdjustedBudget", "全年预算数", "9223.60", "9225.60")]
    [InlineData("Executed", "全年执行数", "9063.30", "9065.30")]
    public void An_expenditure_split_that_does_not_add_up_to_the_total_is_an_error_in_that_column_only(
        string column, string columnLabel, string sum, string total)
    {
        var report = RunOverall(t => t.WithSplitLine("按支出性质分", "基本支出", l => l.Add(column, -2.00m)));

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 1, new(Overall, "total", column),
            $"附件2 资金总额 {columnLabel}：按支出性质分合计 {sum}，填报 {total}，差 2.00"), finding);
    }

    [Fact]
    public void A_total_that_disagrees_with_both_splits_is_an_error_for_each_split()
    {
        var report = RunOverall(t => t.WithTotal(l => l with { AdjustedBudget = 9250.00m }));

        Assert.Equal<Finding>(
        [
            new(FindingSeverity.Error, 1, new(Overall, "total", "AdjustedBudget"), "附件2 资金总额 全年预算数：按收入性质分合计 9225.60，填报 9250.00，差 24.40"),
            new(FindingSeverity.Error, 1, new(Overall, "total", "AdjustedBudget"), "附件2 资金总额 全年预算数：按支出性质分合计 9225.60，填报 9250.00，差 24.40"),
        ], NewFindings(report));
    }

    [Fact]
    public void A_project_source_split_that_does_not_add_up_is_an_error_in_that_project_table()
    {
        var report = Run(SampleEvaluation.Build()
            .WithProject(SampleEvaluation.NutritionId, t => t.WithSplitLine("按资金来源分", "上年结转资金", l => l.Add("Executed", -5.00m))));

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 1, new(Nutrition, "total", "Executed"),
            "附件3「学生营养改善计划」 资金总额 全年执行数：按资金来源分合计 707.35，填报 712.35，差 5.00"), finding);
    }

    // ---- rule 2: rates ----

    [Fact]
    public void The_execution_rate_is_executed_over_adjusted_budget_in_percent_to_two_decimals()
    {
        var report = RunSample();

        Assert.Equal(98.26m, report.Overall.ExecutionRatePercent); // 9065.30 ÷ 9225.60 = 98.2624 %
        Assert.Equal(98.94m, report.Projects[0].ExecutionRatePercent); // 712.35 ÷ 720.00 = 98.9375 %, half rounds up
        Assert.Equal(90.12m, report.Projects[1].ExecutionRatePercent); // 1243.60 ÷ 1380.00 = 90.1159 %
        Assert.Empty(OfRule(report, 2));
    }

    [Fact]
    public void Control_rates_are_actual_over_authorised_in_percent_to_two_decimals()
    {
        var rates = Run(SampleEvaluation.Build() with { Basic = SampleEvaluation.Build().Basic with { AuthorisedPosts = 90, ActualStaff = 83 } }).Basic;

        Assert.Equal(92.22m, rates.StaffControlPercent); // 83 ÷ 90 = 92.222 %
        Assert.Equal(98.33m, rates.AreaControlPercent); // 1180 ÷ 1200 = 98.333 %
        Assert.Equal(98.00m, rates.InvestmentControlPercent); // 352.80 ÷ 360.00
    }

    [Fact]
    public void Without_authorised_posts_there_is_no_control_rate_and_the_posts_are_required()
    {
        var report = Run(SampleEvaluation.Build() with { Basic = SampleEvaluation.Build().Basic with { AuthorisedPosts = null } });

        Assert.Null(report.Basic.StaffControlPercent);
        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 0, new(Basic, "staff", "AuthorisedPosts"), "附件1 编制数：必填，应为正整数"), finding);
    }

    [Fact]
    public void Without_an_adjusted_budget_there_is_no_execution_rate_and_an_error()
    {
        var report = RunOverall(t => t.WithTotal(l => l with { AdjustedBudget = null }));

        Assert.Null(report.Overall.ExecutionRatePercent);
        Assert.Equal(0m, report.Overall.BudgetExecutionScore);
        Assert.Contains(new Finding(FindingSeverity.Error, 2, new(Overall, "total", "AdjustedBudget"), "附件2 资金总额 全年预算数：必填，应大于 0"),
            report.Findings);
    }

    // ---- rule 3: weights ----

    [Fact]
    public void The_lines_of_each_group_add_up_to_the_groups_weight_in_the_sample()
    {
        Assert.Empty(OfRule(RunSample(), 3));
    }

    [Fact]
    public void A_group_whose_lines_do_not_add_up_to_its_weight_is_an_error_on_that_group()
    {
        var report = RunIndicator(0, l => l with { Weight = 12 });

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 3, new(Overall, "group:产出指标", "Weight"),
            "附件2 产出指标 分值：各行合计 52.00，应为 50.00，差 2.00"), finding);
    }

    [Fact]
    public void The_template_sets_the_group_weights()
    {
        var template = SampleEvaluation.Template with
        {
            IndicatorGroups = [.. SampleEvaluation.Template.IndicatorGroups.Select(g => g.Level1 switch
            {
                "产出指标" => g with { Weight = 40 },
                "效益指标" => g with { Weight = 40 },
                _ => g,
            })],
        };

        var report = Run(SampleEvaluation.Build(), template);

        Assert.Equal<Finding>(
        [
            new(FindingSeverity.Error, 3, new(Overall, "group:产出指标", "Weight"), "附件2 产出指标 分值：各行合计 50.00，应为 40.00，差 10.00"),
            new(FindingSeverity.Error, 3, new(Overall, "group:效益指标", "Weight"), "附件2 效益指标 分值：各行合计 30.00，应为 40.00，差 10.00"),
        ], OfRule(report, 3).Where(f => f.At.Part == Overall));
    }

    [Fact]
    public void A_not_applicable_line_with_a_weight_is_a_warning_and_its_weight_is_not_counted()
    {
        var report = RunIndicator(5, l => l with { Weight = 5 });

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Warning, 3, new(Overall, "indicator:5", "Weight"),
            "附件2 第6行「带动地方经济增长」 分值：不适用的指标不设分值，填报 5.00，不计入合计"), finding);
        Assert.Equal(98.25m, report.Overall.Total);
    }

    [Fact]
    public void An_applicable_line_without_a_weight_is_an_error()
    {
        var report = RunIndicator(6, l => l with { Weight = null });

        Assert.Contains(new Finding(FindingSeverity.Error, 3, new(Overall, "indicator:6", "Weight"), "附件2 第7行「辍学学生劝返复学率」 分值：必填，应大于 0"),
            report.Findings);
        Assert.Contains(new Finding(FindingSeverity.Error, 3, new(Overall, "group:效益指标", "Weight"), "附件2 效益指标 分值：各行合计 20.00，应为 30.00，差 10.00"),
            report.Findings);
    }

    // ---- rule 4: budget-execution score ----

    [Fact]
    public void The_budget_execution_score_is_its_weight_times_the_execution_rate()
    {
        var report = RunSample();

        Assert.Equal(9.83m, report.Overall.BudgetExecutionScore); // 10 × 98.26 %
        Assert.Equal(9.89m, report.Projects[0].BudgetExecutionScore); // 10 × 98.94 %
        Assert.Equal(9.01m, report.Projects[1].BudgetExecutionScore); // 10 × 90.12 %
    }

    [Fact]
    public void The_budget_execution_weight_is_a_template_setting()
    {
        var template = SampleEvaluation.Template.WithScoring(p => p with { BudgetExecutionWeight = 20 });

        var overall = Run(SampleEvaluation.Build(), template).Overall;

        Assert.Equal(20m, overall.BudgetExecutionWeight);
        Assert.Equal(19.65m, overall.BudgetExecutionScore); // 20 × 98.26 % = 19.652
    }

    [Fact]
    public void Executing_more_than_the_budget_scores_no_more_than_the_weight_and_is_a_warning()
    {
        var report = RunOverall(t => t
            .WithTotal(l => l.Add("Executed", 300.00m))
            .WithSplitLine("按收入性质分", "一般公共预算", l => l.Add("Executed", 300.00m))
            .WithSplitLine("按支出性质分", "项目支出", l => l.Add("Executed", 300.00m)));

        Assert.Equal(101.51m, report.Overall.ExecutionRatePercent); // 9365.30 ÷ 9225.60
        Assert.Equal(10.00m, report.Overall.BudgetExecutionScore);
        Assert.Equal(98.42m, report.Overall.Total);
        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Warning, 2, new(Overall, "total", "Executed"),
            "附件2 执行率 101.51%：执行数超过全年预算数，请核实"), finding);
    }

    // ---- rule 5: indicator scores ----

    [Fact]
    public void A_met_target_suggests_the_full_weight_for_positive_reverse_and_date_indicators()
    {
        var lines = RunSample().Overall.Indicators;

        Assert.Equal((true, 10m), (lines[0].Met, lines[0].SuggestedScore)); // ≥3200人次 → 3356人次
        Assert.Equal((true, 10m), (lines[3].Met, lines[3].SuggestedScore)); // 2024年11月30日前 → 2024年11月25日
        Assert.Equal((true, 10m), (lines[4].Met, lines[4].SuggestedScore)); // ≤1150元 → 1120元
        Assert.Equal((true, 10m), (lines[6].Met, lines[6].SuggestedScore)); // 100% → 100%
    }

    [Fact]
    public void An_unmet_positive_target_suggests_weight_times_actual_over_target()
    {
        var report = RunSample();

        Assert.Equal(9.42m, report.Overall.Indicators[1].SuggestedScore); // 10 × 1130 ÷ 1200 = 9.4167
        Assert.Equal(19.00m, report.Projects[1].Indicators[0].SuggestedScore); // 20 × 11400 ÷ 12000
    }

    [Fact]
    public void An_unmet_reverse_target_suggests_weight_times_target_over_actual()
    {
        var report = RunIndicator(4, l => l with { Actual = "1200元", DeviationExplanation = "物价上涨，生均公用经费超支。" });

        var line = report.Overall.Indicators[4];
        Assert.False(line.Met);
        Assert.Equal(9.58m, line.SuggestedScore); // 10 × 1150 ÷ 1200 = 9.5833
        Assert.Equal(9.58m, line.Score);
        Assert.Equal(49.00m, report.Overall.Groups[0].Score); // 10 + 9.42 + 10 + 10 + 9.58
        Assert.Empty(NewFindings(report));
    }

    [Fact]
    public void A_date_target_is_met_on_the_date_itself()
    {
        var line = RunIndicator(3, l => l with { Actual = "2024年11月30日" }).Overall.Indicators[3];

        Assert.Equal((true, 10m), (line.Met, line.SuggestedScore));
    }

    [Fact]
    public void A_missed_date_suggests_nothing_so_the_filer_must_score_it()
    {
        var report = RunIndicator(3, l => l with { Actual = "2024年12月10日" });

        Assert.False(report.Overall.Indicators[3].Met);
        Assert.Null(report.Overall.Indicators[3].SuggestedScore);
        Assert.Equal<Finding>(
        [
            new(FindingSeverity.Error, 5, new(Overall, "indicator:3", "Score"), "附件2 第4行「资助资金发放完成时间」 自评得分：无法从指标值计算建议分，请填写"),
            new(FindingSeverity.Error, 6, new(Overall, "indicator:3", "DeviationExplanation"),
                "附件2 第4行「资助资金发放完成时间」 偏差原因分析及改进措施：得分 0.00 低于分值 10.00，必须说明原因"),
        ], NewFindings(report));
    }

    [Fact]
    public void A_missed_date_scored_and_explained_by_the_filer_counts_as_scored()
    {
        var report = RunIndicator(3, l => l with { Actual = "2024年12月10日", Score = 6, DeviationExplanation = "年底追加资金到位较晚，延迟10天发放。" });

        Assert.Equal(6m, report.Overall.Indicators[3].Score);
        Assert.Equal(45.42m, report.Overall.Groups[0].Score);
        Assert.Empty(NewFindings(report));
    }

    [Theory]
    [InlineData("达成", QualitativeBand.Achieved, "10")]
    [InlineData("全面完成", QualitativeBand.Achieved, "10")]
    [InlineData("部分达成", QualitativeBand.PartlyAchieved, "7")]
    [InlineData("基本完成", QualitativeBand.PartlyAchieved, "7")]
    [InlineData("未达成", QualitativeBand.NotAchieved, "0")]
    public void A_qualitative_indicator_is_scored_by_its_band(string actual, QualitativeBand band, string suggested)
    {
        var line = RunIndicator(8, l => l with { Actual = actual, Score = null }).Overall.Indicators[8];

        Assert.Null(line.Met);
        Assert.Equal(band, line.Band);
        Assert.Equal(D(suggested), line.SuggestedScore);
        Assert.Equal(D(suggested), line.Score);
    }

    [Theory]
    [InlineData("部分达成", "6")]
    [InlineData("部分达成", "7.5")]
    [InlineData("部分达成", "8")]
    [InlineData("达成", "8")]
    [InlineData("达成", "10")]
    [InlineData("未达成", "0")]
    [InlineData("未达成", "6")]
    public void A_self_score_inside_its_qualitative_band_is_accepted(string actual, string score)
    {
        var report = RunIndicator(8, l => l with { Actual = actual, Score = D(score) });

        Assert.Empty(OfRule(report, 5));
        Assert.Equal(D(score), report.Overall.Indicators[8].Score);
    }

    [Theory]
    [InlineData("部分达成", "5.5", "部分达成应得 6.00 至 8.00，填报 5.50")]
    [InlineData("部分达成", "9", "部分达成应得 6.00 至 8.00，填报 9.00")]
    [InlineData("达成", "7", "达成应得 8.00 至 10.00，填报 7.00")]
    [InlineData("未达成", "6.5", "未达成应得 0.00 至 6.00，填报 6.50")]
    public void A_self_score_outside_its_qualitative_band_is_a_warning(string actual, string score, string message)
    {
        var report = RunIndicator(8, l => l with { Actual = actual, Score = D(score) });

        var finding = Assert.Single(OfRule(report, 5));
        Assert.Equal(new Finding(FindingSeverity.Warning, 5, new(Overall, "indicator:8", "Score"),
            $"附件2 第9行「教育均衡发展水平」 自评得分：{message}"), finding);
    }

    [Theory]
    [InlineData("10.5", "10.50")]
    [InlineData("-1", "-1.00")]
    public void A_self_score_outside_zero_to_weight_is_an_error(string score, string shown)
    {
        var report = RunIndicator(9, l => l with { Score = D(score) });

        var finding = Assert.Single(OfRule(report, 5));
        Assert.Equal(new Finding(FindingSeverity.Error, 5, new(Overall, "indicator:9", "Score"),
            $"附件2 第10行「学生家长满意度」 自评得分：应在 0 至 10.00 之间，填报 {shown}"), finding);
        Assert.True(report.HasErrors);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10")]
    public void A_self_score_of_zero_or_the_full_weight_is_within_bounds(string score)
    {
        var report = RunIndicator(9, l => l with { Score = D(score), DeviationExplanation = "家长满意度调查样本不足，按零分自评。" });

        Assert.Empty(OfRule(report, 5));
        Assert.Empty(NewFindings(report));
    }

    [Fact]
    public void A_self_score_within_bounds_overrides_the_suggestion()
    {
        var report = RunIndicator(1, l => l with { Score = 9 });

        var line = report.Overall.Indicators[1];
        Assert.Equal(9.42m, line.SuggestedScore);
        Assert.Equal(9m, line.Score);
        Assert.Equal(49.00m, report.Overall.Groups[0].Score);
        Assert.Equal(97.83m, report.Overall.Total);
        Assert.Empty(NewFindings(report));
    }

    [Fact]
    public void A_self_score_above_the_suggestion_of_an_unmet_target_is_a_warning()
    {
        var report = RunIndicator(1, l => l with { Score = 10 });

        var finding = Assert.Single(OfRule(report, 5));
        Assert.Equal(new Finding(FindingSeverity.Warning, 5, new(Overall, "indicator:1", "Score"),
            "附件2 第2行「新增学位数」 自评得分：按指标值计算建议得 9.42，填报 10.00，高于建议得分，请核实"), finding);
        Assert.False(report.HasErrors);
    }

    // ---- rule 6: deviation explanation ----

    [Fact]
    public void Full_scores_without_over_achievement_need_no_explanation()
    {
        var report = RunSample();

        Assert.Empty(OfRule(report, 6));
        Assert.Contains(SampleEvaluation.Build().Overall.Indicators, l => l.DeviationExplanation is null && l.Weight > 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_score_below_the_weight_needs_an_explanation(string? explanation)
    {
        var report = RunIndicator(1, l => l with { DeviationExplanation = explanation });

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 6, new(Overall, "indicator:1", "DeviationExplanation"),
            "附件2 第2行「新增学位数」 偏差原因分析及改进措施：得分 9.42 低于分值 10.00，必须说明原因"), finding);
    }

    [Fact]
    public void A_self_score_below_the_weight_needs_an_explanation_even_when_the_target_was_met()
    {
        var report = RunIndicator(0, l => l with { Score = 9.5m });

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 6, new(Overall, "indicator:0", "DeviationExplanation"),
            "附件2 第1行「义务教育阶段学生资助人数」 偏差原因分析及改进措施：得分 9.50 低于分值 10.00，必须说明原因"), finding);
    }

    [Fact]
    public void Over_achievement_at_the_threshold_needs_an_explanation()
    {
        var report = RunIndicator(0, l => l with { Actual = "4160人次" }); // (4160 − 3200) ÷ 3200 = 30 %

        Assert.Equal(30.00m, report.Overall.Indicators[0].OverAchievementPercent);
        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 6, new(Overall, "indicator:0", "DeviationExplanation"),
            "附件2 第1行「义务教育阶段学生资助人数」 偏差原因分析及改进措施：实际完成值超出目标 30.00%（达到 30.00% 即须说明），请说明目标是否偏低"),
            finding);
    }

    [Fact]
    public void Over_achievement_just_below_the_threshold_needs_no_explanation()
    {
        var report = RunIndicator(0, l => l with { Actual = "4159人次" }); // 29.97 %

        Assert.Equal(29.97m, report.Overall.Indicators[0].OverAchievementPercent);
        Assert.Empty(NewFindings(report));
    }

    [Fact]
    public void Over_achievement_of_a_reverse_indicator_needs_an_explanation()
    {
        var report = RunIndicator(4, l => l with { Actual = "800元" }); // (1150 − 800) ÷ 1150 = 30.43 %

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Error, 6, new(Overall, "indicator:4", "DeviationExplanation"),
            "附件2 第5行「生均公用经费支出」 偏差原因分析及改进措施：实际完成值超出目标 30.43%（达到 30.00% 即须说明），请说明目标是否偏低"),
            finding);
    }

    [Fact]
    public void Explained_over_achievement_is_accepted_at_full_score()
    {
        var report = RunIndicator(0, l => l with { Actual = "4500人次", DeviationExplanation = "年中新增随迁子女资助政策，目标设定偏低，下年度调整。" });

        Assert.Equal(10m, report.Overall.Indicators[0].Score);
        Assert.Empty(NewFindings(report));
    }

    [Fact]
    public void The_over_achievement_threshold_is_a_template_setting()
    {
        var higher = SampleEvaluation.Template.WithScoring(p => p with { OverAchievementPercent = 50 });
        var lower = SampleEvaluation.Template.WithScoring(p => p with { OverAchievementPercent = 20 });

        Assert.Empty(NewFindings(RunIndicator(0, l => l with { Actual = "4160人次" }, higher)));
        var finding = Assert.Single(NewFindings(RunIndicator(0, l => l with { Actual = "3900人次" }, lower))); // 21.88 %
        Assert.Equal("附件2 第1行「义务教育阶段学生资助人数」 偏差原因分析及改进措施：实际完成值超出目标 21.88%（达到 20.00% 即须说明），请说明目标是否偏低",
            finding.Message);
    }

    [Fact]
    public void Not_applicable_lines_need_no_actual_score_or_explanation()
    {
        var report = RunIndicator(5, l => l with { Actual = null });

        Assert.Empty(NewFindings(report));
        Assert.Equal(0m, report.Overall.Indicators[5].Score);
    }

    // ---- rule 7: quality warnings ----

    [Fact]
    public void Measured_actuals_and_measurable_targets_with_units_give_no_quality_warning_beyond_qualitative_targets()
    {
        Assert.Equal(SampleFindings, OfRule(RunSample(), 7));
    }

    [Theory]
    [InlineData("≥90%")]
    [InlineData("大于等于95%")]
    [InlineData("不低于92%")]
    [InlineData("90%以上")]
    public void An_actual_written_as_a_target_is_a_warning(string actual)
    {
        var report = RunIndicator(9, l => l with { Actual = actual });

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Warning, 7, new(Overall, "indicator:9", "Actual"),
            $"附件2 第10行「学生家长满意度」 实际完成值：「{actual}」写成了目标形式，应填实际测得的数值"), finding);
        Assert.False(report.HasErrors);
    }

    [Fact]
    public void A_qualitative_target_is_a_warning_and_lowers_the_quantitative_share()
    {
        var report = RunIndicator(9, l => l with { Target = "满意度较高" });

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Warning, 7, new(Overall, "indicator:9", "Target"),
            "附件2 第10行「学生家长满意度」 年度指标值：「满意度较高」为定性表述，不可衡量，建议改为量化指标"), finding);
        Assert.Equal(77.78m, report.Overall.QuantitativeSharePercent); // 7 of 9
    }

    [Fact]
    public void A_target_without_a_unit_is_a_warning()
    {
        var report = RunIndicator(2, l => l with { Target = "≥98" });

        var finding = Assert.Single(NewFindings(report));
        Assert.Equal(new Finding(FindingSeverity.Warning, 7, new(Overall, "indicator:2", "Target"),
            "附件2 第3行「义务教育巩固率」 年度指标值：「≥98」缺少计量单位"), finding);
    }

    [Fact]
    public void The_quantitative_share_counts_applicable_lines_only()
    {
        var report = RunSample();

        Assert.Equal(88.89m, report.Overall.QuantitativeSharePercent); // 8 of 9: the 不适用 line is left out
        Assert.Equal(80.00m, report.Projects[0].QuantitativeSharePercent);
        Assert.Equal(100.00m, report.Projects[1].QuantitativeSharePercent);
    }

    // ---- rule 8: total and grade ----

    [Fact]
    public void The_total_is_the_budget_execution_score_plus_all_indicator_scores()
    {
        var report = RunSample();

        Assert.All([report.Overall, .. report.Projects], t => Assert.Equal(t.BudgetExecutionScore + t.Groups.Sum(g => g.Score), t.Total));
        Assert.Equal(98.25m, report.Overall.Total); // 9.83 + 49.42 + 29.00 + 10.00
    }

    [Theory]
    [InlineData("100", Grade.Excellent, "优")]
    [InlineData("97.8", Grade.Excellent, "优")]
    [InlineData("90", Grade.Excellent, "优")]
    [InlineData("89.99", Grade.Good, "良")]
    [InlineData("80", Grade.Good, "良")]
    [InlineData("79.99", Grade.Fair, "中")]
    [InlineData("60", Grade.Fair, "中")]
    [InlineData("59.99", Grade.Poor, "差")]
    [InlineData("0", Grade.Poor, "差")]
    public void The_national_grade_bands_are_90_80_and_60(string total, Grade grade, string label)
    {
        var bands = SampleEvaluation.Template.Scoring.Grades;

        Assert.Equal(new GradeBands(90, 80, 60), bands);
        Assert.Equal(grade, bands.Of(D(total)));
        Assert.Equal(label, Grades.Label(grade));
    }

    [Fact]
    public void The_grade_bands_are_a_template_setting()
    {
        var template = SampleEvaluation.Template.WithScoring(p => p with { Grades = new GradeBands(99, 95, 90) });

        var overall = Run(SampleEvaluation.Build(), template).Overall;

        Assert.Equal(98.25m, overall.Total);
        Assert.Equal((Grade.Good, "良"), (overall.Grade, overall.GradeLabel));
    }

    // ---- provincial settings ----

    [Fact]
    public void Provincial_rules_are_off_in_every_built_in_template()
    {
        Assert.All(BuiltInTemplates.All(), t =>
        {
            Assert.False(t.Body.Scoring.RescaleWithoutNotApplicable);
            Assert.True(t.Body.Scoring.ExecutionRateCaps is null or { Count: 0 });
            Assert.Null(t.Body.Scoring.OverAchievementDeduction);
            Assert.Equal(30m, t.Body.Scoring.OverAchievementPercent);
        });
    }

    /// <summary>The 不适用 line carries 5 points and 毛入园率 5 instead of 10, as a province that rescales would have it.</summary>
    private static EvaluationContent WeightedNotApplicable() => SampleEvaluation.Build().WithOverall(t => t
        .WithIndicator(5, l => l with { Weight = 5 })
        .WithIndicator(7, l => l with { Weight = 5 }));

    [Fact]
    public void Without_rescaling_a_weighted_not_applicable_line_is_left_out_of_its_group()
    {
        var report = Run(WeightedNotApplicable());

        Assert.Equal<Finding>(
        [
            new(FindingSeverity.Warning, 3, new(Overall, "indicator:5", "Weight"), "附件2 第6行「带动地方经济增长」 分值：不适用的指标不设分值，填报 5.00，不计入合计"),
            new(FindingSeverity.Error, 3, new(Overall, "group:效益指标", "Weight"), "附件2 效益指标 分值：各行合计 25.00，应为 30.00，差 5.00"),
        ], NewFindings(report));
        Assert.Equal(93.25m, report.Overall.Total); // 9.83 + 49.42 + 24.00 + 10.00
    }

    [Fact]
    public void Rescaling_drops_not_applicable_lines_and_scales_the_rest_to_100()
    {
        var template = SampleEvaluation.Template.WithScoring(p => p with { RescaleWithoutNotApplicable = true });

        var report = Run(WeightedNotApplicable(), template);

        Assert.Empty(NewFindings(report));
        Assert.Equal(Groups(49.42m, 24.00m, 10.00m), report.Overall.Groups);
        Assert.Equal(98.16m, report.Overall.Total); // 93.25 × 100 ÷ 95 = 98.158
    }

    [Fact]
    public void Rescaling_changes_nothing_when_not_applicable_lines_carry_no_weight()
    {
        var template = SampleEvaluation.Template.WithScoring(p => p with { RescaleWithoutNotApplicable = true });

        var report = Run(SampleEvaluation.Build(), template);

        Assert.Equal(98.25m, report.Overall.Total);
        Assert.Empty(NewFindings(report));
    }

    /// <summary>The repair project with 全年执行数 <paramref name="executed"/>; its other figures unchanged (indicators 89).</summary>
    private static EvaluationContent RepairExecuted(decimal executed) => SampleEvaluation.Build().WithProject(SampleEvaluation.RepairId, t => t
        .WithTotal(l => l with { Executed = executed })
        .WithSplitLine("按资金来源分", "当年财政拨款", l => l with { Executed = executed - 163.00m }));

    [Theory]
    [InlineData("1035.00", "75.00", "89.00", Grade.Good)] // 7.50 + 89 = 96.50, capped
    [InlineData("966.00", "70.00", "89.00", Grade.Good)] // 7.00 + 89 = 96.00, capped: the band includes its lower end
    [InlineData("1104.00", "80.00", "97.00", Grade.Excellent)] // 8.00 + 89, not capped: the band excludes its upper end
    [InlineData("952.20", "69.00", "95.90", Grade.Excellent)] // 6.90 + 89, below the band
    public void A_cap_by_execution_rate_limits_the_total(string executed, string rate, string total, Grade grade)
    {
        var template = SampleEvaluation.Template.WithScoring(p => p with { ExecutionRateCaps = [new(70, 80, 89)] });

        var report = Run(RepairExecuted(D(executed)), template);

        var repair = report.Projects[1];
        Assert.Equal(D(rate), repair.ExecutionRatePercent);
        Assert.Equal(D(total), repair.Total);
        Assert.Equal(grade, repair.Grade);
        Assert.Empty(NewFindings(report));
        Assert.Equal(98.25m, report.Overall.Total); // the overall table's 98.26 % is in no band
    }

    [Fact]
    public void Without_caps_the_total_is_not_limited_by_the_execution_rate()
    {
        var repair = Run(RepairExecuted(1035.00m)).Projects[1];

        Assert.Equal(75.00m, repair.ExecutionRatePercent);
        Assert.Equal(7.50m, repair.BudgetExecutionScore);
        Assert.Equal(96.50m, repair.Total);
        Assert.Equal(Grade.Excellent, repair.Grade);
    }

    private const string OverAchievedExplanation = "年中新增随迁子女资助政策，目标设定偏低，下年度调整。";

    [Fact]
    public void An_over_achievement_deduction_takes_points_from_the_suggestion()
    {
        var template = SampleEvaluation.Template.WithScoring(p => p with { OverAchievementDeduction = 2 });

        var report = RunIndicator(0, l => l with { Actual = "4200人次", DeviationExplanation = OverAchievedExplanation }, template); // 31.25 %

        var line = report.Overall.Indicators[0];
        Assert.Equal((true, 31.25m, 8m, 8m), (line.Met, line.OverAchievementPercent, line.SuggestedScore, line.Score));
        Assert.Equal(47.42m, report.Overall.Groups[0].Score);
        Assert.Equal(96.25m, report.Overall.Total);
        Assert.Empty(NewFindings(report));
    }

    [Fact]
    public void An_over_achievement_deduction_spares_lines_below_the_threshold()
    {
        var template = SampleEvaluation.Template.WithScoring(p => p with { OverAchievementDeduction = 2 });

        var report = RunIndicator(0, l => l with { Actual = "4100人次" }, template); // 28.13 %

        Assert.Equal(10m, report.Overall.Indicators[0].Score);
        Assert.Equal(98.25m, report.Overall.Total);
    }

    [Fact]
    public void Without_a_deduction_over_achievement_keeps_the_full_weight()
    {
        var report = RunIndicator(0, l => l with { Actual = "4200人次", DeviationExplanation = OverAchievedExplanation });

        Assert.Equal(10m, report.Overall.Indicators[0].Score);
        Assert.Equal(98.25m, report.Overall.Total);
    }
}
