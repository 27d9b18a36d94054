using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Tests.Content;

/// <summary>
/// One complete evaluation of an invented county education bureau (示例县教育局) in the national template's shape,
/// with figures of its own (not the demo's). Every sum adds up in every column. Expected results:
/// <list type="bullet">
/// <item>附件1: 控制率 78 ÷ 85 = 91.76 %; 楼堂馆所 面积 1180 ÷ 1200 = 98.33 %, 投资 352.80 ÷ 360.00 = 98.00 %.</item>
/// <item>附件2: 执行率 9065.30 ÷ 9225.60 = 98.26 % → 9.83; 产出 49.42 (新增学位数 10 × 1130 ÷ 1200 = 9.42),
/// 效益 29.00 (one 不适用 line, the qualitative line self-scored 9), 满意度 10.00; total 98.25, 优;
/// 8 of 9 applicable targets quantitative = 88.89 %.</item>
/// <item>附件3「学生营养改善计划」: 712.35 ÷ 720.00 = 98.94 % → 9.89; indicators 90; total 99.89, 优; 80.00 % quantitative.</item>
/// <item>附件3「乡村学校校舍维修改造」: 1243.60 ÷ 1380.00 = 90.12 % → 9.01; 产出 49.00 (面积 20 × 11400 ÷ 12000 = 19.00); total 98.01, 优.</item>
/// <item>Findings: two warnings (rule 7), one for each qualitative target; no errors.</item>
/// </list>
/// </summary>
internal static class SampleEvaluation
{
    public static readonly Guid OverallId = new("0b5e7c1a-3f2d-4e8b-9a10-000000000a02");
    public static readonly Guid NutritionId = new("0b5e7c1a-3f2d-4e8b-9a10-000000000a31");
    public static readonly Guid RepairId = new("0b5e7c1a-3f2d-4e8b-9a10-000000000a32");

    public const string Nutrition = "附件3「学生营养改善计划」";
    public const string Repair = "附件3「乡村学校校舍维修改造」";

    /// <summary>The national template (Hunan outline), default scoring: no provincial rules.</summary>
    public static TemplateBody Template => BuiltInTemplates.All()[0].Body;

    public static EvaluationContent Build() => new(Sections, Basic, Overall, [NutritionProject, RepairProject]);

    private static List<SectionContent> Sections =>
        Template.Outline.Select(o => new SectionContent(o.Code, o.Title, SectionText(o.Code))).ToList();

    private static string SectionText(string code) => code switch
    {
        "1" => "（一）部门职责\n\n负责全县学前教育、义务教育和高中阶段教育的统筹管理。\n\n（二）机构设置\n\n内设股室 9 个，所属学校 46 所。",
        "6" => "全年完成学生资助、营养改善、校舍维修改造等重点工作，整体支出绩效自评得分 98.25 分，等级为优。",
        "7" => "新增学位建设进度慢于计划，个别项目年中追加预算，执行率有待提高。",
        _ => "",
    };

    private static readonly TableFooter Footer = new("李文静", "0745-6230118", new DateOnly(2025, 3, 20));

    private static BasicDataTable Basic => new(85, 78,
    [
        new("1", "三公经费", 24.70m, 27.00m, 25.20m),
        new("1.1", "公务用车购置和维护经费", 18.50m, 22.00m, 21.36m),
        new("1.1.1", "公车购置", 0m, 12.00m, 11.80m),
        new("1.1.2", "公车运行维护", 18.50m, 10.00m, 9.56m),
        new("1.2", "出国经费", 0m, 0m, 0m),
        new("1.3", "公务接待", 6.20m, 5.00m, 3.84m),
        new("2", "项目支出", 2655.00m, 2980.00m, 2826.40m),
        new("2.1", "业务工作经费", 310.00m, 320.00m, 316.45m),
        new("2.2", "运行维护经费", 95.00m, 100.00m, 98.20m),
        new("2.3", "本级专项资金", 1830.00m, 2100.00m, 1955.95m),
        new("2.3.1", "学生营养改善计划", 680.00m, 720.00m, 712.35m),
        new("2.3.2", "乡村学校校舍维修改造", 1150.00m, 1380.00m, 1243.60m),
        new("2.4", "上级转移支付", 420.00m, 460.00m, 455.80m),
        new("2.4.1", "学前教育发展资金", 420.00m, 460.00m, 455.80m),
        new("3", "公用经费", 260.00m, 275.50m, 268.34m),
        new("3.1", "办公经费", 72.00m, 75.00m, 73.62m),
        new("3.2", "水费、电费、差旅费", 58.30m, 60.00m, 59.18m),
        new("3.3", "会议费、培训费", 21.50m, 22.00m, 18.40m),
        new("4", "政府采购金额", 540.00m, 610.00m, 587.25m),
        new("5", "部门基本支出预算调整", 0m, 42.60m, 42.60m),
    ],
        new BuildingControl(ApprovedArea: 1200m, ActualArea: 1180m, BudgetedInvestment: 360.00m, ActualInvestment: 352.80m),
        "严格执行公务接待和会议培训管理规定，公车统一调度，压减一般性支出。",
        Footer);

    private static SelfEvaluationTable Overall => new(OverallId, null, null, null,
        new FundsLine(ContentShape.TotalLineName, 8820.00m, 9225.60m, 9065.30m),
        [
            new("按收入性质分",
            [
                new("一般公共预算", 8200.00m, 8560.00m, 8412.50m),
                new("政府性基金拨款", 400.00m, 430.00m, 420.80m),
                new("纳入专户管理的非税收入拨款", 150.00m, 165.60m, 163.00m),
                new("其他资金", 70.00m, 70.00m, 69.00m),
            ]),
            new("按支出性质分",
            [
                new("基本支出", 6120.00m, 6245.60m, 6238.90m),
                new("项目支出", 2700.00m, 2980.00m, 2826.40m),
            ]),
        ],
        new AnnualGoals(
            "1. 资助义务教育阶段学生不少于3200人次；\n2. 新增学位不少于1200个；\n3. 家长满意度不低于90%。",
            "1. 资助学生3356人次；\n2. 新增学位1130个；\n3. 家长满意度94.5%。"),
        [
            new("产出指标", "数量指标", "义务教育阶段学生资助人数", "≥3200人次", "3356人次", 10, null, null),
            new("产出指标", "数量指标", "新增学位数", "≥1200个", "1130个", 10, null,
                "城东小学扩建工程受征地影响延期，少建 70 个学位；下一年度优先保障续建并按季调度进度。"),
            new("产出指标", "质量指标", "义务教育巩固率", "≥98%", "99.2%", 10, null, null),
            new("产出指标", "时效指标", "资助资金发放完成时间", "2024年11月30日前", "2024年11月25日", 10, null, null),
            new("产出指标", "成本指标", "生均公用经费支出", "≤1150元", "1120元", 10, null, null),
            new("效益指标", "经济效益指标", "带动地方经济增长", "不适用", "不适用", 0, null, null),
            new("效益指标", "社会效益指标", "辍学学生劝返复学率", "100%", "100%", 10, null, null),
            new("效益指标", "社会效益指标", "学前三年毛入园率", "≥90%", "93.6%", 10, null, null),
            new("效益指标", "可持续影响指标", "教育均衡发展水平", "持续提升", "达成", 10, 9,
                "县域义务教育优质均衡督导评估中校际差异系数尚未全部达标；下一步推进集团化办学，补齐薄弱学校短板。"),
            new("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%", "94.5%", 10, null, null),
        ],
        Footer);

    private static SelfEvaluationTable NutritionProject => new(NutritionId, "学生营养改善计划", "示例县教育局", "示例县教育局",
        new FundsLine(ContentShape.TotalLineName, 700.00m, 720.00m, 712.35m),
        [
            new("按资金来源分",
            [
                new("当年财政拨款", 650.00m, 670.00m, 662.35m),
                new("上年结转资金", 50.00m, 50.00m, 50.00m),
                new("其他资金", 0m, 0m, 0m),
            ]),
        ],
        new AnnualGoals("为农村义务教育学生提供营养膳食补助，改善学生营养状况。", "全年补助学生5912人，供餐合格率100%。"),
        [
            new("产出指标", "数量指标", "受益学生人数", "≥5800人", "5912人", 20, null, null),
            new("产出指标", "质量指标", "供餐合格率", "100%", "100%", 15, null, null),
            new("产出指标", "时效指标", "补助资金拨付及时率", "≥95%", "100%", 15, null, null),
            new("效益指标", "社会效益指标", "学生营养健康状况", "明显改善", "达成", 30, null, null),
            new("满意度指标", "服务对象满意度指标", "学生及家长满意度", "≥90%", "96.3%", 10, null, null),
        ],
        new TableFooter("王磊", "0745-6230121", new DateOnly(2025, 3, 18)));

    private static SelfEvaluationTable RepairProject => new(RepairId, "乡村学校校舍维修改造", "示例县教育局", "示例县教育局",
        new FundsLine(ContentShape.TotalLineName, 1200.00m, 1380.00m, 1243.60m),
        [
            new("按资金来源分",
            [
                new("当年财政拨款", 1100.00m, 1200.00m, 1080.60m),
                new("上年结转资金", 100.00m, 180.00m, 163.00m),
                new("其他资金", 0m, 0m, 0m),
            ]),
        ],
        new AnnualGoals("完成12所乡村学校校舍维修改造，消除校舍安全隐患。", "完成15所学校维修改造11400平方米，隐患全部消除。"),
        [
            new("产出指标", "数量指标", "维修改造校舍面积", "≥12000平方米", "11400平方米", 20, null,
                "两所学校改造方案调整，部分面积并入下年度计划；今后加强前期勘察。"),
            new("产出指标", "质量指标", "工程验收合格率", "100%", "100%", 15, null, null),
            new("产出指标", "时效指标", "项目完工时间", "2024年10月31日前", "2024年10月20日", 15, null, null),
            new("效益指标", "社会效益指标", "消除校舍安全隐患学校数", "≥15所", "15所", 30, null, null),
            new("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "92%", 10, null, null),
        ],
        new TableFooter("赵红", "0745-6230135", new DateOnly(2025, 3, 19)));

    // ---- one change at a time ----

    public static EvaluationContent WithBasicLine(this EvaluationContent content, string code, Func<AmountLine, AmountLine> change) =>
        content with
        {
            Basic = content.Basic with { Lines = [.. content.Basic.Lines.Select(l => l.Code == code ? change(l) : l)] },
        };

    public static EvaluationContent WithOverall(this EvaluationContent content, Func<SelfEvaluationTable, SelfEvaluationTable> change) =>
        content with { Overall = change(content.Overall) };

    public static EvaluationContent WithProject(this EvaluationContent content, Guid id, Func<SelfEvaluationTable, SelfEvaluationTable> change) =>
        content with { Projects = [.. content.Projects.Select(p => p.Id == id ? change(p) : p)] };

    public static SelfEvaluationTable WithIndicator(this SelfEvaluationTable table, int index, Func<IndicatorLine, IndicatorLine> change) =>
        table with { Indicators = [.. table.Indicators.Select((l, i) => i == index ? change(l) : l)] };

    public static SelfEvaluationTable WithTotal(this SelfEvaluationTable table, Func<FundsLine, FundsLine> change) =>
        table with { Total = change(table.Total) };

    public static SelfEvaluationTable WithSplitLine(this SelfEvaluationTable table, string split, string line, Func<FundsLine, FundsLine> change) =>
        table with
        {
            Splits = [.. table.Splits.Select(s => s.Name != split ? s : s with { Lines = [.. s.Lines.Select(l => l.Name == line ? change(l) : l)] })],
        };

    public static TemplateBody WithScoring(this TemplateBody template, Func<ScoringPolicy, ScoringPolicy> change) =>
        template with { Scoring = change(template.Scoring) };

    /// <summary>One amount column of a 附件1 line, by its field name.</summary>
    public static AmountLine Add(this AmountLine line, string column, decimal delta) => column switch
    {
        nameof(AmountLine.PriorYearActual) => line with { PriorYearActual = line.PriorYearActual + delta },
        nameof(AmountLine.CurrentBudget) => line with { CurrentBudget = line.CurrentBudget + delta },
        nameof(AmountLine.CurrentActual) => line with { CurrentActual = line.CurrentActual + delta },
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    /// <summary>One amount column of a funds line, by its field name.</summary>
    public static FundsLine Add(this FundsLine line, string column, decimal delta) => column switch
    {
        nameof(FundsLine.InitialBudget) => line with { InitialBudget = line.InitialBudget + delta },
        nameof(FundsLine.AdjustedBudget) => line with { AdjustedBudget = line.AdjustedBudget + delta },
        nameof(FundsLine.Executed) => line with { Executed = line.Executed + delta },
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };
}
