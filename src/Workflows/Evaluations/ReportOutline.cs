namespace EvalWorkflow.Workflows.Evaluations;

public sealed record OutlineSection(string Code, string Title);

/// <summary>The report outline. Issue 3 moves outlines into versioned templates; this is the national default (Hunan).</summary>
public static class ReportOutline
{
    public static readonly IReadOnlyList<OutlineSection> Default =
    [
        new("1", "一、基本情况（职能职责、机构设置）"),
        new("2", "二、一般公共预算支出情况（基本支出、项目支出）"),
        new("3", "三、政府性基金预算支出情况"),
        new("4", "四、国有资本经营预算支出情况"),
        new("5", "五、社会保险基金预算支出情况"),
        new("6", "六、部门整体支出绩效情况"),
        new("7", "七、存在的问题及原因分析"),
        new("8", "八、下一步改进措施"),
        new("9", "九、绩效自评结果拟应用和公开情况"),
        new("10", "十、其他需要说明的情况"),
    ];
}
