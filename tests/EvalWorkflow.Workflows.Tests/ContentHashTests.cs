using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Evaluations;

namespace EvalWorkflow.Workflows.Tests;

public sealed class ContentHashTests
{
    private static readonly Guid EvaluationId = Guid.NewGuid();

    [Fact]
    public void Hash_is_64_lowercase_hex_characters()
    {
        var hash = ContentHash.Of(Sections("一、基本情况", "二、支出情况"));

        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Hash_is_the_same_for_equal_content()
    {
        Assert.Equal(ContentHash.Of(Sections("甲", "乙")), ContentHash.Of(Sections("甲", "乙")));
    }

    [Fact]
    public void Hash_changes_when_one_section_changes()
    {
        Assert.NotEqual(ContentHash.Of(Sections("甲", "乙")), ContentHash.Of(Sections("甲", "丙")));
    }

    [Fact]
    public void Hash_ignores_crlf_versus_lf()
    {
        Assert.Equal(ContentHash.Of(Sections("第一行\r\n第二行", "")), ContentHash.Of(Sections("第一行\n第二行", "")));
    }

    [Fact]
    public void Hash_follows_outline_order_not_list_order()
    {
        var sections = Sections("甲", "乙");

        Assert.Equal(ContentHash.Of(sections), ContentHash.Of(sections.AsEnumerable().Reverse()));
    }

    [Fact]
    public void Hash_tells_apart_text_moved_between_sections()
    {
        Assert.NotEqual(ContentHash.Of(Sections("甲乙", "")), ContentHash.Of(Sections("甲", "乙")));
    }

    private static ReportSection[] Sections(params string[] markdown) =>
    [
        .. markdown.Select((text, i) =>
        {
            var section = new ReportSection(EvaluationId, i + 1, BuiltInTemplates.All()[0].Body.Outline[i]);
            section.Replace(text);
            return section;
        }),
    ];
}
