using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Publication;
using EvalWorkflow.Workflows.Setup;

namespace EvalWorkflow.Workflows.Tests.Publication;

public sealed class ReportDocumentTests
{
    private const string Unit = "示例市卫生健康局";

    private static readonly TemplateBody Template = BuiltInTemplates.All()[0].Body;

    private static readonly ReportDocumentInfo Info = new(Unit, "2025年度部门整体支出绩效自评", 2025, "李局长",
        new DateTime(2026, 3, 20, 2, 15, 0, DateTimeKind.Utc), new string('a', 64),
        new DateTime(2026, 3, 25, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 1, 1, 0, 0, DateTimeKind.Utc));

    private static EvaluationContent Example(Func<string, string>? markdown = null)
    {
        var content = ExampleContent.HealthBureau(
            Template.Outline.Select(o => new SectionContent(o.Code, o.Title, "")).ToList(), Guid.NewGuid(), Guid.NewGuid());
        return markdown is null ? content : content with { Sections = content.Sections.Select(s => s with { Markdown = markdown(s.Code) }).ToList() };
    }

    private static WordprocessingDocument Open(EvaluationContent content) =>
        WordprocessingDocument.Open(new MemoryStream(ReportDocument.Build(Info, content, ContentChecks.Run(content, Template), Template)), false);

    private static List<Table> Tables(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document!.Body!.Elements<Table>().ToList();

    private static string TextOf(OpenXmlElement element) => string.Concat(element.Descendants<Text>().Select(t => t.Text));

    private const string RichMarkdown =
        "# 总体情况\n\n**加粗**、*倾斜*、`代码` 与 [链接](https://example.org) &amp; 实体\n\n" +
        "1. 第一项\n   - 子项甲\n   - 子项乙\n\n   第一项的第二段\n2. 第二项\n\n> 引用一段\n\n```\n代码一行\n代码二行\n```\n\n" +
        "| 指标 | 目标 | 完成 |\n|---|---|---|\n| 接种率 | 95% | 95.12% |\n| 签约 | 220万 |\n\n---\n\n控制字符\u0001已去除";

    [Fact]
    public void The_document_passes_the_Office_Open_XML_validator()
    {
        using var document = Open(Example(code => code == "6" ? RichMarkdown : ""));

        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Path?.XPath}: {e.Description}");

        Assert.Empty(errors);
    }

    [Fact]
    public void The_title_names_the_unit_and_year_and_every_section_title_is_a_heading()
    {
        using var document = Open(Example());
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();

        Assert.Equal($"{Unit}2025年度部门整体支出绩效自评报告",
            TextOf(paragraphs.First(p => p.ParagraphProperties?.ParagraphStyleId?.Val == ReportStyles.Title)));
        var headings = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val == ReportStyles.Heading).Select(TextOf);
        Assert.Equal(Template.Outline.Select(o => o.Title), headings);
        Assert.Contains(paragraphs, p => TextOf(p) == "贯彻执行国民健康政策，统筹规划全市卫生健康服务资源配置。");
    }

    [Fact]
    public void Markdown_becomes_paragraphs_bold_heading_lines_and_numbered_lines()
    {
        using var document = Open(Example(code => code == "7" ? "## 主要问题\n\n- 基层能力不足\n- 信息化滞后\n\n1. 加强培训\n2. 建设平台\n\n第一行\n第二行" : ""));
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();

        var heading = paragraphs.Single(p => TextOf(p) == "主要问题");
        Assert.Equal(ReportStyles.BodyHeading, heading.ParagraphProperties?.ParagraphStyleId?.Val);
        Assert.Contains(paragraphs, p => TextOf(p) == "• 基层能力不足");
        Assert.Contains(paragraphs, p => TextOf(p) == "1. 加强培训");
        Assert.Contains(paragraphs, p => TextOf(p) == "2. 建设平台");
        Assert.Single(paragraphs.Single(p => TextOf(p) == "第一行第二行").Descendants<Break>());
        Assert.Contains(paragraphs, p => TextOf(p) == "（无）");
    }

    [Fact]
    public void The_annex_tables_have_the_forms_merged_header_cells()
    {
        using var document = Open(Example());
        var tables = Tables(document);

        Assert.Equal(3, tables.Count);
        var overall = tables[1];
        var funds = CellWith(overall, "年度资金（万元）");
        Assert.Equal(2, funds.TableCellProperties?.GridSpan?.Val?.Value);
        var goals = CellWith(overall, "年度总体目标");
        Assert.Equal(MergedCellValues.Restart, goals.TableCellProperties?.VerticalMerge?.Val?.Value);
        var output = CellWith(overall, "产出指标");
        Assert.Equal(MergedCellValues.Restart, output.TableCellProperties?.VerticalMerge?.Val?.Value);
        var continued = overall.Elements<TableRow>().SkipWhile(r => !r.Elements<TableCell>().Contains(output)).Skip(1).Take(4)
            .Select(r => r.Elements<TableCell>().First()).ToList();
        Assert.All(continued, c => Assert.Null(c.TableCellProperties?.VerticalMerge?.Val));
        Assert.All(continued, c => Assert.NotNull(c.TableCellProperties?.VerticalMerge));
        Assert.All(tables, t => Assert.All(t.Elements<TableRow>(), r =>
            Assert.Equal(t.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Count(), r.Elements<TableCell>().Sum(c => c.TableCellProperties?.GridSpan?.Val?.Value ?? 1))));
    }

    [Fact]
    public void Every_table_shows_its_totals_with_two_decimals()
    {
        using var document = Open(Example());
        var tables = Tables(document);

        Assert.Contains("9676.60", TextOf(tables[0]));
        Assert.Contains("93.33%", TextOf(tables[0]));
        var overall = TextOf(tables[1]);
        Assert.Contains("12312.50", overall);
        Assert.Contains("98.50%", overall);
        Assert.Contains("总分100.0099.60评价等级：优", overall);
        Assert.Contains("600.78", TextOf(tables[2]));
        Assert.Contains("评价等级：", TextOf(tables[2]));
    }

    [Fact]
    public void The_footer_numbers_the_pages_and_the_annexes_are_landscape()
    {
        using var document = Open(Example());

        var fields = document.MainDocumentPart!.FooterParts.Single().Footer!.Descendants<SimpleField>().Select(f => f.Instruction?.Value?.Trim());
        Assert.Contains(fields, f => f!.StartsWith("PAGE", StringComparison.Ordinal));
        var sections = document.MainDocumentPart.Document!.Body!.Descendants<SectionProperties>().ToList();
        Assert.Equal(2, sections.Count);
        Assert.Null(sections[0].GetFirstChild<PageSize>()!.Orient);
        Assert.Equal(PageOrientationValues.Landscape, sections[1].GetFirstChild<PageSize>()!.Orient!.Value);
        var text = TextOf(document.MainDocumentPart.Document.Body);
        Assert.Contains("单位负责人签字：李局长（2026年3月20日 10:15）", text);
        Assert.Contains("财政审核通过：2026年3月25日 14:00", text);
        Assert.Contains(new string('a', 64), text);
    }

    private static TableCell CellWith(Table table, string text) => table.Descendants<TableCell>().First(c => TextOf(c) == text);
}
