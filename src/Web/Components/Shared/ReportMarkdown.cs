using Ganss.Xss;
using Markdig;

namespace EvalWorkflow.Web.Components.Shared;

/// <summary>
/// A filer's Markdown as HTML that cannot take over the page: raw HTML is not rendered, the extensions are the ones a report
/// needs (tables, footnotes, task and ordered lists, emphasis, auto links) — not generic attributes, with which
/// <c>{style="position:fixed;…"}</c> would lay a link over the whole page — and the sanitiser drops every style, class and
/// id besides, and any link that is not http(s) or mailto.
/// </summary>
public static class ReportMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseListExtras()
        .UseTaskLists()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string ToSafeHtml(string? markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown ?? "", Pipeline));

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        foreach (var attribute in new[] { "style", "class", "id" })
        {
            sanitizer.AllowedAttributes.Remove(attribute);
        }

        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        return sanitizer;
    }
}
