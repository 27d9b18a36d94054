using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Publication;

/// <summary>What the report says about whose it is and how it was signed, approved and published.</summary>
/// <param name="ContentSha256">The SHA-256 of the content printed, which is what the unit head signed and finance approved.</param>
public sealed record ReportDocumentInfo(
    string UnitName,
    string RoundTitle,
    int FiscalYear,
    string? SignerName,
    DateTime? SignedAtUtc,
    string ContentSha256,
    DateTime? ApprovedAtUtc,
    DateTime? PublishedAtUtc);

/// <summary>
/// The evaluation package as a Word document in the standard layout: the title, the report's numbered sections,
/// the signature and approval block, then 附件1–3 on landscape pages with the merged header cells of the paper forms.
/// The tables mirror the Excel workbook's (<c>TablesWorkbook</c>) row for row.
/// </summary>
public static partial class ReportDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // A4 in twentieths of a point; the report is portrait, the tables landscape.
    private const int ShortSide = 11906;
    private const int LongSide = 16838;
    private const int PortraitMargin = 1418;
    private const int LandscapeMargin = 1134;
    private const int PortraitWidth = ShortSide - 2 * PortraitMargin;
    private const int LandscapeWidth = LongSide - 2 * LandscapeMargin;

    public static string Title(ReportDocumentInfo info) => $"{info.UnitName}{info.FiscalYear}年度部门整体支出绩效自评报告";

    /// <param name="template">The evaluation's template: it tells which 附件1 lines are 其中 lines.</param>
    public static byte[] Build(ReportDocumentInfo info, EvaluationContent content, ContentReport report, TemplateBody template)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = ReportStyles.Styles();
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = PageFooter();
            var footerId = main.GetIdOfPart(footer);

            var body = new Body();
            body.Append(ReportText.Paragraph(ReportStyles.Title, Title(info)));
            foreach (var section in content.Sections)
            {
                body.Append(ReportText.Paragraph(ReportStyles.Heading, section.Title));
                body.Append(MarkdownParagraphs.Of(section.Markdown, PortraitWidth));
            }

            body.Append(SignatureBlock(info));
            body.Append(new Paragraph(new ParagraphProperties { SectionProperties = Section(footerId, landscape: false) }));
            body.Append(Annexes(info, content, report, template));
            body.Append(Section(footerId, landscape: true));
            main.Document = new Document(body);

            document.PackageProperties.Title = Title(info);
            document.PackageProperties.Creator = info.UnitName;
            document.PackageProperties.Language = "zh-CN";
        }

        return stream.ToArray();
    }

    /// <summary>Who signed, when finance approved and published, and the hash that ties the printed content to the record.</summary>
    private static IEnumerable<Paragraph> SignatureBlock(ReportDocumentInfo info)
    {
        var day = info.SignedAtUtc ?? info.PublishedAtUtc;
        yield return RightAligned(info.UnitName, before: 480);
        if (day is DateTime at)
        {
            yield return RightAligned(ReportText.ChinaDay(at), before: 0);
        }

        yield return ReportText.Paragraph(ReportStyles.Signature);
        yield return ReportText.Paragraph(ReportStyles.Signature, $"评价批次：{info.RoundTitle}");
        yield return ReportText.Paragraph(ReportStyles.Signature, info.SignerName is { } signer && info.SignedAtUtc is DateTime signed
            ? $"单位负责人签字：{signer}（{ReportText.ChinaTime(signed)}）"
            : "单位负责人签字：未签字");
        yield return ReportText.Paragraph(ReportStyles.Signature,
            info.ApprovedAtUtc is DateTime approved ? $"财政审核通过：{ReportText.ChinaTime(approved)}" : "财政审核通过：未通过");
        if (info.PublishedAtUtc is DateTime published)
        {
            yield return ReportText.Paragraph(ReportStyles.Signature, $"公开时间：{ReportText.ChinaTime(published)}");
        }

        var hash = ReportText.Paragraph(ReportStyles.Signature, "内容 SHA-256：");
        hash.Append(ReportText.Run(info.ContentSha256, code: true));
        yield return hash;
    }

    private static Paragraph RightAligned(string text, int before) => new(new ParagraphProperties
    {
        ParagraphStyleId = new ParagraphStyleId { Val = ReportStyles.Body },
        KeepNext = new KeepNext(),
        SpacingBetweenLines = new SpacingBetweenLines { Before = before.ToString(ReportText.Invariant) },
        Justification = new Justification { Val = JustificationValues.Right },
    }, ReportText.Run(text));

    /// <summary>第 n 页 共 m 页, centred at the foot of every page.</summary>
    private static Footer PageFooter()
    {
        var paragraph = ReportText.Paragraph(ReportStyles.Footer);
        paragraph.Append(
            ReportText.Run("第 "), Field("PAGE"), ReportText.Run(" 页 共 "), Field("NUMPAGES"), ReportText.Run(" 页"));
        return new Footer(paragraph);
    }

    private static SimpleField Field(string name) => new(ReportText.Run("1")) { Instruction = $" {name} \\* MERGEFORMAT " };

    private static SectionProperties Section(string footerId, bool landscape)
    {
        var margin = landscape ? LandscapeMargin : PortraitMargin;
        return new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
            new PageSize
            {
                Width = (uint)(landscape ? LongSide : ShortSide),
                Height = (uint)(landscape ? ShortSide : LongSide),
                Orient = landscape ? PageOrientationValues.Landscape : null,
            },
            new PageMargin
            {
                Top = landscape ? LandscapeMargin : 1440,
                Bottom = landscape ? LandscapeMargin : 1440,
                Left = (uint)margin,
                Right = (uint)margin,
                Header = 851,
                Footer = 567,
                Gutter = 0,
            });
    }
}
