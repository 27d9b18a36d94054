using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Tests.Content;

namespace EvalWorkflow.Workflows.Tests;

public sealed class ContentHashTests
{
    [Fact]
    public void Hash_is_64_lowercase_hex_characters()
    {
        Assert.Matches("^[0-9a-f]{64}$", ContentHash.Of(SampleEvaluation.Build()));
    }

    [Fact]
    public void Hash_is_the_same_for_equal_content()
    {
        Assert.Equal(ContentHash.Of(SampleEvaluation.Build()), ContentHash.Of(SampleEvaluation.Build()));
    }

    [Fact]
    public void Hash_changes_when_one_section_changes()
    {
        Assert.NotEqual(ContentHash.Of(SampleEvaluation.Build()), ContentHash.Of(WithSection("1", "改写")));
    }

    [Fact]
    public void Hash_changes_when_one_table_cell_changes()
    {
        var content = SampleEvaluation.Build();
        var indicators = content.Overall.Indicators.Select((l, i) => i == 0 ? l with { Actual = l.Actual + "0" } : l).ToList();

        Assert.NotEqual(ContentHash.Of(content), ContentHash.Of(content with { Overall = content.Overall with { Indicators = indicators } }));
    }

    [Fact]
    public void Hash_ignores_crlf_versus_lf()
    {
        Assert.Equal(ContentHash.Of(WithSection("1", "第一行\r\n第二行")), ContentHash.Of(WithSection("1", "第一行\n第二行")));
    }

    [Fact]
    public void Hash_tells_apart_text_moved_between_sections()
    {
        var moved = WithSection("1", "甲乙");
        var split = WithSection("1", "甲");
        split = split with { Sections = split.Sections.Select(s => s.Code == "2" ? s with { Markdown = "乙" + s.Markdown } : s).ToList() };

        Assert.NotEqual(ContentHash.Of(moved), ContentHash.Of(split));
    }

    private static EvaluationContent WithSection(string code, string markdown)
    {
        var content = SampleEvaluation.Build();
        return content with { Sections = content.Sections.Select(s => s.Code == code ? s with { Markdown = markdown } : s).ToList() };
    }
}
