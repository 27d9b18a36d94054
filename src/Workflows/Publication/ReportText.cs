using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace EvalWorkflow.Workflows.Publication;

/// <summary>Runs, paragraphs and the number and date formats of the Word report.</summary>
internal static class ReportText
{
    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>An amount in 万元 with two decimals, as on the paper forms; blank when not filled.</summary>
    public static string Amount(decimal? value) => value is decimal v ? v.ToString("F2", Invariant) : "";

    public static string Percent(decimal? percent) => percent is decimal p ? p.ToString("F2", Invariant) + "%" : "";

    /// <summary>A time as the users live it (Asia/Shanghai), e.g. 2026年3月20日 10:15.</summary>
    public static string ChinaTime(DateTime utc) =>
        (DateTime.SpecifyKind(utc, DateTimeKind.Utc) + ChinaOffset).ToString("yyyy年M月d日 HH:mm", Invariant);

    public static string ChinaDay(DateTime utc) =>
        (DateTime.SpecifyKind(utc, DateTimeKind.Utc) + ChinaOffset).ToString("yyyy年M月d日", Invariant);

    public static Run Run(string text, bool bold = false, bool italic = false, bool code = false)
    {
        var properties = new RunProperties
        {
            RunFonts = code ? new RunFonts { Ascii = "Courier New", HighAnsi = "Courier New" } : null,
            Bold = bold ? new Bold() : null,
            BoldComplexScript = bold ? new BoldComplexScript() : null,
            Italic = italic ? new Italic() : null,
        };
        var run = properties.HasChildren ? new Run(properties) : new Run();
        run.Append(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    public static Paragraph Paragraph(string style, string? text = null, bool bold = false, JustificationValues? justification = null)
    {
        var paragraph = new Paragraph(new ParagraphProperties
        {
            ParagraphStyleId = new ParagraphStyleId { Val = style },
            Justification = justification is { } j ? new Justification { Val = j } : null,
        });
        if (!string.IsNullOrEmpty(text))
        {
            paragraph.Append(Run(text, bold));
        }

        return paragraph;
    }

    /// <summary>Drops the control characters XML cannot carry (text may come from a pasted spreadsheet).</summary>
    public static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c != '\t') ? new string(text.Where(c => !char.IsControl(c) || c == '\t').ToArray()) : text;
}
