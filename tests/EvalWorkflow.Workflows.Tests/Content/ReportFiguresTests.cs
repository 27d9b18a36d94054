using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Evaluations;

namespace EvalWorkflow.Workflows.Tests.Content;

public sealed class ReportFiguresTests
{
    [Fact]
    public void The_general_budget_section_is_drafted_from_the_tables_figures()
    {
        var text = ReportFigures.Draft(SectionDraft.GeneralBudget, SampleEvaluation.Build(), 2024)!;

        Assert.StartsWith("2024年度，一般公共预算支出 8412.50 万元。", text, StringComparison.Ordinal);
        Assert.Contains("基本支出 6238.90 万元，其中公用经费 268.34 万元。", text, StringComparison.Ordinal);
        Assert.Contains("项目支出 2826.40 万元，主要用于：", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_government_funds_section_states_the_funds_or_that_there_are_none()
    {
        var content = SampleEvaluation.Build();
        Assert.Equal("2024年度，政府性基金预算支出 420.80 万元。", ReportFigures.Draft(SectionDraft.GovernmentFunds, content, 2024));

        var lines = content.Overall.Splits[0].Lines.Select(l => l.Name == "政府性基金拨款" ? l with { Executed = 0 } : l).ToList();
        var none = content with { Overall = content.Overall with { Splits = [content.Overall.Splits[0] with { Lines = lines }, content.Overall.Splits[1]] } };
        Assert.Equal("2024年度，本单位无政府性基金预算支出。", ReportFigures.Draft(SectionDraft.GovernmentFunds, none, 2024));
        Assert.Null(ReportFigures.Draft(SectionDraft.None, content, 2024));
    }

    [Fact]
    public void A_drafted_section_agrees_with_the_tables()
    {
        var content = WithSection2(ReportFigures.Draft(SectionDraft.GeneralBudget, SampleEvaluation.Build(), 2024)!);

        Assert.Empty(ReportFigures.Check(content, SampleEvaluation.Template));
    }

    [Fact]
    public void A_figure_left_in_the_text_that_no_longer_matches_the_tables_is_a_warning()
    {
        // As in a real report: the text says 公用经费 75.65 where the table says 75.64 (here 268.35 against 268.34).
        var content = WithSection2("2024年，一般公共预算支出中基本支出6238.9万元，其中人员经费5970.56万元、公用经费268.35万元。部门基本支出预算调整42.60万元。");

        var finding = Assert.Single(ReportFigures.Check(content, SampleEvaluation.Template));

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(new FindingLocation(ContentCells.ReportPart, "2"), finding.At);
        Assert.Equal("报告 二、一般公共预算支出情况（基本支出、项目支出）：正文中公用经费 268.35 万元，附表为 268.34 万元", finding.Message);
    }

    [Fact]
    public void Free_text_sections_are_not_checked_for_figures()
    {
        var content = SampleEvaluation.Build();
        var sections = content.Sections.Select(s => s.Code == "6" ? s with { Markdown = "公用经费 1.00 万元" } : s).ToList();

        Assert.Empty(ReportFigures.Check(content with { Sections = sections }, SampleEvaluation.Template));
    }

    private static EvaluationContent WithSection2(string text)
    {
        var content = SampleEvaluation.Build();
        return content with { Sections = content.Sections.Select(s => s.Code == "2" ? s with { Markdown = text } : s).ToList() };
    }
}
