using DocumentFormat.OpenXml.Wordprocessing;

namespace EvalWorkflow.Workflows.Publication;

/// <summary>
/// The report's paragraph styles, in the manner of a government report: 宋体 body text indented two characters,
/// 黑体 headings, 五号 table text. Latin text and figures in Times New Roman.
/// </summary>
internal static class ReportStyles
{
    public const string Normal = "Normal";
    public const string Title = "Title";
    public const string Heading = "Heading1";
    public const string Body = "BodyText";
    public const string BodyHeading = "BodyHeading";
    public const string ListLine = "ListLine";
    public const string Code = "CodeLine";
    public const string Signature = "SignatureLine";
    public const string Caption = "AnnexCaption";
    public const string TableTitle = "TableTitle";
    public const string TableText = "TableText";
    public const string TableNote = "TableNote";
    public const string Footer = "Footer";

    private const string Song = "宋体";
    private const string Hei = "黑体";
    private const string Latin = "Times New Roman";

    /// <summary>Two characters of 小四 (12 pt), the usual first-line indent.</summary>
    public const int TwoCharacters = 480;

    public static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle
            {
                RunFonts = new RunFonts { Ascii = Latin, HighAnsi = Latin, EastAsia = Song, ComplexScript = Latin },
                FontSize = new FontSize { Val = "24" },
                FontSizeComplexScript = new FontSizeComplexScript { Val = "24" },
                Languages = new Languages { Val = "en-US", EastAsia = "zh-CN" },
            }),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
            {
                SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "360", LineRule = LineSpacingRuleValues.Auto },
            })),
        Paragraph(Normal, "Normal", null, isDefault: true),
        Paragraph(Title, "Title", new() { Justification = Center(), SpacingBetweenLines = Space(before: 240, after: 480) },
            new() { RunFonts = EastAsia(Song), Bold = new Bold(), FontSize = new FontSize { Val = "36" } }),
        Paragraph(Heading, "heading 1", new()
        {
            KeepNext = new KeepNext(),
            SpacingBetweenLines = Space(before: 240, after: 120),
            OutlineLevel = new OutlineLevel { Val = 0 },
        },
            new() { RunFonts = EastAsia(Hei), FontSize = new FontSize { Val = "32" } }),
        Paragraph(Body, "Body Text", new()
        {
            Indentation = new Indentation { FirstLine = TwoCharacters.ToString(ReportText.Invariant) },
            Justification = new Justification { Val = JustificationValues.Both },
        }),
        Paragraph(BodyHeading, "Body Heading", new()
        {
            KeepNext = new KeepNext(),
            Indentation = new Indentation { FirstLine = TwoCharacters.ToString(ReportText.Invariant) },
        },
            new() { Bold = new Bold() }),
        Paragraph(ListLine, "List Line", new()
        {
            Indentation = new Indentation { FirstLine = TwoCharacters.ToString(ReportText.Invariant) },
            Justification = new Justification { Val = JustificationValues.Both },
        }),
        Paragraph(Code, "Code Line", new() { SpacingBetweenLines = Space(0, 0, line: 240) },
            new() { RunFonts = new RunFonts { Ascii = "Courier New", HighAnsi = "Courier New" }, FontSize = new FontSize { Val = "20" } }),
        Paragraph(Signature, "Signature Line", new() { KeepNext = new KeepNext(), SpacingBetweenLines = Space(0, 0, line: 300) },
            new() { FontSize = new FontSize { Val = "21" } }),
        Paragraph(Caption, "Annex Caption", new() { KeepNext = new KeepNext(), SpacingBetweenLines = Space(0, 0, line: 240) },
            new() { RunFonts = EastAsia(Hei), FontSize = new FontSize { Val = "28" } }),
        Paragraph(TableTitle, "Table Title", new() { KeepNext = new KeepNext(), Justification = Center(), SpacingBetweenLines = Space(0, 120, line: 240) },
            new() { Bold = new Bold(), FontSize = new FontSize { Val = "32" } }),
        Paragraph(TableText, "Table Text", new() { SpacingBetweenLines = Space(0, 0, line: 270, exact: true) },
            new() { FontSize = new FontSize { Val = "21" }, FontSizeComplexScript = new FontSizeComplexScript { Val = "21" } }),
        Paragraph(TableNote, "Table Note", new() { SpacingBetweenLines = Space(60, 0, line: 240) },
            new() { FontSize = new FontSize { Val = "21" } }),
        Paragraph(Footer, "footer", new() { Justification = Center() },
            new() { FontSize = new FontSize { Val = "18" } }));

    private static Style Paragraph(string id, string name, StyleParagraphProperties? paragraph = null, StyleRunProperties? run = null,
        bool isDefault = false) => new()
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
            Default = isDefault ? true : null,
            StyleName = new StyleName { Val = name },
            BasedOn = id == Normal ? null : new BasedOn { Val = Normal },
            NextParagraphStyle = id is Heading or Title ? new NextParagraphStyle { Val = Body } : null,
            PrimaryStyle = new PrimaryStyle(),
            StyleParagraphProperties = paragraph,
            StyleRunProperties = run,
        };

    private static RunFonts EastAsia(string font) => new() { EastAsia = font };

    private static Justification Center() => new() { Val = JustificationValues.Center };

    /// <param name="exact">The line height is <paramref name="line"/> whatever the font: CJK fonts' own line height is large.</param>
    private static SpacingBetweenLines Space(int before, int after, int? line = null, bool exact = false)
    {
        var spacing = new SpacingBetweenLines { Before = before.ToString(ReportText.Invariant), After = after.ToString(ReportText.Invariant) };
        if (line is int l)
        {
            (spacing.Line, spacing.LineRule) = (l.ToString(ReportText.Invariant), exact ? LineSpacingRuleValues.Exact : LineSpacingRuleValues.Auto);
        }

        return spacing;
    }
}
