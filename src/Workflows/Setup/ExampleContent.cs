using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Setup;

/// <summary>
/// A complete package for the demo health bureau, with invented figures in the national template's shape:
/// every sum adds up, one indicator falls short and two far exceed their targets (each says why),
/// two targets are qualitative (warnings).
/// Overall table: execution 98.50 % → 9.85; indicators 89.75; total 99.60, 优.
/// </summary>
public static class ExampleContent
{
    public static EvaluationContent HealthBureau(IReadOnlyList<SectionContent> sections, Guid overallId, Guid projectId) => new(
        sections.Select(s => s with { Markdown = SectionText(s.Code) }).ToList(),
        Basic, Overall(overallId), [Project(projectId)]);

    private static string SectionText(string code) => code switch
    {
        "1" => "（一）部门职责\n\n贯彻执行国民健康政策，统筹规划全市卫生健康服务资源配置。\n\n（二）机构设置\n\n内设科室 16 个，下属单位 9 个。",
        "6" => "全年完成免疫规划、家庭医生签约、计划生育家庭扶助等重点工作，整体支出绩效自评得分 99.60 分，等级为优。",
        _ => "",
    };

    private static readonly TableFooter Footer = new("张晓明", "0731-88880001", null);

    private static BasicDataTable Basic => new(120, 112,
    [
        new("1", "三公经费", 45.60m, 40.00m, 36.20m),
        new("1.1", "公务用车购置和维护经费", 30.00m, 28.00m, 25.10m),
        new("1.1.1", "公车购置", 0m, 0m, 0m),
        new("1.1.2", "公车运行维护", 30.00m, 28.00m, 25.10m),
        new("1.2", "出国经费", 0m, 0m, 0m),
        new("1.3", "公务接待", 15.60m, 12.00m, 11.10m),
        new("2", "项目支出", 9150.00m, 9864.10m, 9676.60m),
        new("2.1", "业务工作经费", 800.00m, 820.00m, 812.40m),
        new("2.2", "运行维护经费", 350.00m, 360.00m, 355.00m),
        new("2.3", "本级专项资金", 3000.00m, 3100.00m, 3050.00m),
        new("2.3.1", "计划生育家庭特别扶助", 420.00m, 600.78m, 600.78m),
        new("2.3.2", "基本公共卫生服务", 2580.00m, 2499.22m, 2449.22m),
        new("2.4", "上级转移支付", 5000.00m, 5584.10m, 5459.20m),
        new("2.4.1", "重大公共卫生服务补助", 5000.00m, 5584.10m, 5459.20m),
        new("3", "公用经费", 450.00m, 448.72m, 448.72m),
        new("3.1", "办公经费", 120.00m, 118.50m, 118.50m),
        new("3.2", "水费、电费、差旅费", 90.00m, 86.30m, 86.30m),
        new("3.3", "会议费、培训费", 40.00m, 38.20m, 38.20m),
        new("4", "政府采购金额", 1200.00m, 1300.00m, 1250.60m),
        new("5", "部门基本支出预算调整", 0m, 35.90m, 35.90m),
    ],
        new BuildingControl(),
        "严格执行公务接待、公车使用和会议培训管理规定，压减一般性支出。",
        Footer);

    private static SelfEvaluationTable Overall(Guid id) => new(id, null, null, null,
        new FundsLine(ContentShape.TotalLineName, 11800.00m, 12500.00m, 12312.50m),
        [
            new("按收入性质分",
            [
                new("一般公共预算", 11500.00m, 12100.00m, 11925.00m),
                new("政府性基金拨款", 200.00m, 300.00m, 290.00m),
                new("纳入专户管理的非税收入拨款", 0m, 0m, 0m),
                new("其他资金", 100.00m, 100.00m, 97.50m),
            ]),
            new("按支出性质分",
            [
                new("基本支出", 2600.00m, 2635.90m, 2635.90m),
                new("项目支出", 9200.00m, 9864.10m, 9676.60m),
            ]),
        ],
        new AnnualGoals(
            "1. 免疫规划疫苗接种率不低于95%；\n2. 家庭医生签约不少于220万人；\n3. 群众满意度不低于90%。",
            "1. 免疫规划疫苗接种率95.12%；\n2. 家庭医生签约227万人；\n3. 群众满意度93.50%。"),
        [
            new("产出指标", "数量指标", "免疫规划疫苗接种人次", "≥37500人次", "37874人次", 10, null, null),
            new("产出指标", "数量指标", "家庭医生签约人数", "≥220万人", "227万人", 10, null, null),
            new("产出指标", "质量指标", "免疫规划疫苗接种率", "≥95%", "95.12%", 10, null, null),
            new("产出指标", "时效指标", "突发公共卫生事件响应时间", "3个工作日内", "2个工作日", 10, null,
                "建立24小时应急值守机制，响应明显提速；下一年度将目标调整为2个工作日内。"),
            new("产出指标", "成本指标", "项目支出控制数", "≤9864.10万元", "9676.60万元", 10, null, null),
            new("效益指标", "社会效益指标", "甲乙类传染病发病率", "≤5‰", "3.2‰", 10, null,
                "免疫规划和监测预警成效明显，发病率低于目标较多；下一年度按近三年均值重新设定目标。"),
            new("效益指标", "社会效益指标", "基层诊疗量占比", "≥60%", "58.50%", 10, null,
                "分级诊疗推进慢于预期，基层首诊未完全落实；下一步加强基层能力建设和医保差异化支付引导。"),
            new("效益指标", "可持续影响指标", "卫生健康服务体系建设", "持续完善", "达成", 10, null, null),
            new("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93.50%", 10, null, null),
        ],
        Footer);

    private static SelfEvaluationTable Project(Guid id) => new(id, "计划生育家庭特别扶助", "示例市卫生健康局", "示例市卫生健康局",
        new FundsLine(ContentShape.TotalLineName, 431.99m, 600.78m, 600.78m),
        [
            new("按资金来源分",
            [
                new("当年财政拨款", 431.99m, 600.78m, 600.78m),
                new("上年结转资金", 0m, 0m, 0m),
                new("其他资金", 0m, 0m, 0m),
            ]),
        ],
        new AnnualGoals("按时足额发放特别扶助金，保障扶助对象基本生活。", "全年按时足额发放扶助金 600.78 万元，覆盖 1236 人。"),
        [
            new("产出指标", "数量指标", "扶助对象人数", "≥1200人", "1236人", 20, null, null),
            new("产出指标", "质量指标", "资金发放准确率", "100%", "100%", 15, null, null),
            new("产出指标", "时效指标", "资金发放及时率", "≥95%", "100%", 15, null, null),
            new("效益指标", "社会效益指标", "扶助对象生活水平", "有效改善", "达成", 30, null, null),
            new("满意度指标", "服务对象满意度指标", "扶助对象满意度", "≥90%", "96%", 10, null, null),
        ],
        Footer);
}
