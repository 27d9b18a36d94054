using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MarkdownTable = Markdig.Extensions.Tables.Table;
using MarkdownTableCell = Markdig.Extensions.Tables.TableCell;
using MarkdownTableRow = Markdig.Extensions.Tables.TableRow;

namespace EvalWorkflow.Workflows.Publication;

/// <summary>
/// A section's Markdown as Word paragraphs, as a report reads on paper: paragraphs indented two characters,
/// headings as bold lines, list items as numbered lines, pipe tables as tables. A line break in the text stays a
/// line break: filers write one item per line, and Chinese text is never wrapped by hand.
/// </summary>
internal static class MarkdownParagraphs
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    public static IEnumerable<OpenXmlElement> Of(string markdown, int textWidth)
    {
        var elements = Blocks(Markdown.Parse(markdown, Pipeline), 0, textWidth).ToList();
        return elements.Count > 0 ? elements : [ReportText.Paragraph(ReportStyles.Body, "（无）")];
    }

    private static IEnumerable<OpenXmlElement> Blocks(ContainerBlock container, int level, int textWidth) =>
        container.SelectMany(block => Block(block, level, textWidth));

    private static IEnumerable<OpenXmlElement> Block(Block block, int level, int textWidth) => block switch
    {
        HeadingBlock heading => [Paragraph(ReportStyles.BodyHeading, heading.Inline, level)],
        ParagraphBlock paragraph => [Paragraph(level == 0 ? ReportStyles.Body : ReportStyles.ListLine, paragraph.Inline, level)],
        ListBlock list => List(list, level, textWidth),
        QuoteBlock quote => Blocks(quote, level + 1, textWidth),
        CodeBlock code => code.Lines.ToString().Split('\n').Select(line => ReportText.Paragraph(ReportStyles.Code, line.TrimEnd('\r'))),
        MarkdownTable table => [Table(table, textWidth), ReportText.Paragraph(ReportStyles.Body)],
        ContainerBlock other => Blocks(other, level, textWidth),
        _ => [],
    };

    /// <summary>Each item as a line starting with its number (or a bullet); what follows in the item, and nested lists, indent further.</summary>
    private static IEnumerable<OpenXmlElement> List(ListBlock list, int level, int textWidth)
    {
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}{list.OrderedDelimiter} " : "• ";
            for (var i = 0; i < item.Count; i++)
            {
                if (i == 0 && item[i] is ParagraphBlock paragraph)
                {
                    var line = Paragraph(ReportStyles.ListLine, paragraph.Inline, level);
                    line.InsertAfter(ReportText.Run(marker), line.ParagraphProperties);
                    yield return line;
                    continue;
                }

                foreach (var element in Block(item[i], level + 1, textWidth))
                {
                    yield return element;
                }
            }
        }
    }

    private static Paragraph Paragraph(string style, ContainerInline? inline, int level)
    {
        var paragraph = ReportText.Paragraph(style);
        if (level > 0)
        {
            paragraph.ParagraphProperties!.Indentation = new Indentation
            {
                Left = (ReportStyles.TwoCharacters * level).ToString(ReportText.Invariant),
                FirstLine = ReportStyles.TwoCharacters.ToString(ReportText.Invariant),
            };
        }

        paragraph.Append(Runs(inline, bold: false, italic: false));
        return paragraph;
    }

    private static IEnumerable<OpenXmlElement> Runs(ContainerInline? container, bool bold, bool italic)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            IEnumerable<OpenXmlElement> runs = inline switch
            {
                LiteralInline literal => [ReportText.Run(literal.Content.ToString(), bold, italic)],
                CodeInline code => [ReportText.Run(code.Content, bold, italic, code: true)],
                LineBreakInline => [new Run(new Break())],
                HtmlEntityInline entity => [ReportText.Run(entity.Transcoded.ToString(), bold, italic)],
                AutolinkInline link => [ReportText.Run(link.Url, bold, italic)],
                EmphasisInline emphasis => Runs(emphasis, bold || emphasis.DelimiterCount >= 2, italic || emphasis.DelimiterCount == 1),
                ContainerInline other => Runs(other, bold, italic),
                _ => [],
            };
            foreach (var run in runs)
            {
                yield return run;
            }
        }
    }

    private static Table Table(MarkdownTable table, int textWidth)
    {
        var rows = table.OfType<MarkdownTableRow>().ToList();
        var columns = Math.Max(1, rows.Max(r => r.Count));
        var word = new WordTable(Enumerable.Repeat(textWidth / columns, columns).ToList());
        foreach (var row in rows)
        {
            word.Row(header: row.IsHeader);
            var cells = row.OfType<MarkdownTableCell>().ToList();
            for (var i = 0; i < columns; i++)
            {
                var text = i < cells.Count ? PlainText(cells[i]) : null;
                word.Cell(text, row.IsHeader ? WordCell.Header : WordCell.Text);
            }
        }

        return word.ToTable();
    }

    private static string PlainText(ContainerBlock cell) => string.Join("\n", cell.OfType<LeafBlock>().Select(leaf => PlainText(leaf.Inline)));

    private static string PlainText(ContainerInline? container) => string.Concat(container?.Descendants<LiteralInline>().Select(l => l.Content.ToString()) ?? []);
}
