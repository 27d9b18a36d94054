using System.Text.RegularExpressions;
using EvalWorkflow.Web.Components.Shared;

namespace EvalWorkflow.Web.Tests;

/// <summary>What a filer writes is shown on the evaluation page and the public portal: it must not take over either.</summary>
public sealed class ReportMarkdownTests
{
    [Theory]
    [InlineData("[点击查看](https://example.gov.cn){style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999\"}")]
    [InlineData("# 标题 {#act-Submit .mud-button style=\"position:fixed\"}")]
    [InlineData("<div style=\"position:fixed;inset:0\">覆盖</div>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[链接](javascript:alert(1))")]
    [InlineData("![图](x){onerror=\"alert(1)\"}")]
    public void Nothing_a_filer_writes_can_style_script_or_cover_the_page(string markdown)
    {
        var html = ReportMarkdown.ToSafeHtml(markdown);

        // What is left of it may show as text; no tag may carry it. (Text cannot hold a tag: "<" in text is "&lt;".)
        var tags = Regex.Matches(html, "<[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(tags);
        foreach (var forbidden in new[] { "style=", "class=", "id=", "<script", "onerror", "javascript:", "<div" })
        {
            Assert.DoesNotContain(tags, tag => tag.Contains(forbidden, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void A_reports_tables_lists_emphasis_and_links_still_render()
    {
        var html = ReportMarkdown.ToSafeHtml("""
            **资金** 与 ~~旧口径~~

            | 项目 | 金额 |
            |---|---|
            | 医疗 | 1988.88 |

            1. 第一
            2. 第二

            详见 https://www.mof.gov.cn
            """);

        Assert.Contains("<strong>资金</strong>", html);
        Assert.Contains("<del>旧口径</del>", html);
        Assert.Contains("<td>1988.88</td>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("href=\"https://www.mof.gov.cn\"", html);
    }
}
