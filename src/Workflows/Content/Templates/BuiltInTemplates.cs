using EvalWorkflow.Workflows.Evaluations;

namespace EvalWorkflow.Workflows.Content.Templates;

/// <summary>
/// The templates every installation has: the national default scoring (财预〔2020〕10号) with the Hunan outline,
/// and the same with the Guangdong outline. Their ids are fixed so that every installation names them alike.
/// </summary>
public static class BuiltInTemplates
{
    public const string HunanKey = "national-hunan";
    public const string GuangdongKey = "national-guangdong";

    public static readonly Guid HunanId = new("5d1f3f0e-6b0a-4c59-9a53-0c1c2f6e0001");
    public static readonly Guid GuangdongId = new("5d1f3f0e-6b0a-4c59-9a53-0c1c2f6e0002");

    public static IReadOnlyList<EvaluationTemplate> All() =>
    [
        new(HunanId, HunanKey, 1, "全国通用评分（湖南报告提纲）", National(HunanOutline)),
        new(GuangdongId, GuangdongKey, 1, "全国通用评分（广东报告提纲）", National(GuangdongOutline)),
    ];

    private static readonly IReadOnlyList<OutlineSection> HunanOutline =
    [
        new("1", "一、基本情况（职能职责、机构设置）"),
        new("2", "二、一般公共预算支出情况（基本支出、项目支出）", SectionDraft.GeneralBudget),
        new("3", "三、政府性基金预算支出情况", SectionDraft.GovernmentFunds),
        new("4", "四、国有资本经营预算支出情况"),
        new("5", "五、社会保险基金预算支出情况"),
        new("6", "六、部门整体支出绩效情况"),
        new("7", "七、存在的问题及原因分析"),
        new("8", "八、下一步改进措施"),
        new("9", "九、绩效自评结果拟应用和公开情况"),
        new("10", "十、其他需要说明的情况"),
    ];

    private static readonly IReadOnlyList<OutlineSection> GuangdongOutline =
    [
        new("1", "一、部门基本情况"),
        new("2", "二、绩效自评情况"),
        new("3", "三、问题及改进意见"),
    ];

    private static TemplateBody National(IReadOnlyList<OutlineSection> outline) => new(
        outline,
        BasicDataLines:
        [
            new("1", "三公经费", PartRelation.None),
            new("1.1", "公务用车购置和维护经费", PartRelation.Numbered),
            new("1.1.1", "公车购置", PartRelation.OfWhich),
            new("1.1.2", "公车运行维护", PartRelation.OfWhich),
            new("1.2", "出国经费", PartRelation.Numbered),
            new("1.3", "公务接待", PartRelation.Numbered),
            new("2", "项目支出", PartRelation.None),
            new("2.1", "业务工作经费", PartRelation.Numbered),
            new("2.2", "运行维护经费", PartRelation.Numbered),
            new("2.3", "本级专项资金", PartRelation.Numbered, FilerAddsParts: true),
            new("2.4", "上级转移支付", PartRelation.Numbered, FilerAddsParts: true),
            new("3", "公用经费", PartRelation.None),
            new("3.1", "办公经费", PartRelation.OfWhich),
            new("3.2", "水费、电费、差旅费", PartRelation.OfWhich),
            new("3.3", "会议费、培训费", PartRelation.OfWhich),
            new("4", "政府采购金额", PartRelation.None),
            new("5", "部门基本支出预算调整", PartRelation.None),
        ],
        OverallSplits:
        [
            new("按收入性质分", ["一般公共预算", "政府性基金拨款", "纳入专户管理的非税收入拨款", "其他资金"]),
            new("按支出性质分", ["基本支出", "项目支出"]),
        ],
        ProjectSplits:
        [
            new("按资金来源分", ["当年财政拨款", "上年结转资金", "其他资金"]),
        ],
        IndicatorGroups:
        [
            new("产出指标", 50, ["数量指标", "质量指标", "时效指标", "成本指标"]),
            new("效益指标", 30, ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
            new("满意度指标", 10, ["服务对象满意度指标"]),
        ],
        new ScoringPolicy(BudgetExecutionWeight: 10, new GradeBands(90, 80, 60), OverAchievementPercent: 30));
}
