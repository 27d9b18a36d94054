using DocumentFormat.OpenXml.Spreadsheet;

namespace EvalWorkflow.Workflows.Content.Exchange;

/// <summary>The workbook's cell styles: their order is the order of the cell formats in <see cref="WorkbookStyles.Stylesheet"/>.</summary>
internal enum CellStyle : uint
{
    Default,
    Title,
    Header,
    Text,
    Label,
    LabelIndent1,
    LabelIndent2,
    Amount,
    Whole,
    Date,
    Computed,
    ComputedPercent,
    ComputedText,
}

/// <summary>Fonts, fills, borders and number formats of the workbook: thin borders like the Word forms, computed cells shaded.</summary>
internal static class WorkbookStyles
{
    public static Stylesheet Stylesheet()
    {
        const uint dateFormat = 164;
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = dateFormat, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
            new Fonts(Font(false, 11), Font(true, 11), Font(true, 16)) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(Edge(new LeftBorder()), Edge(new RightBorder()), Edge(new TopBorder()), Edge(new BottomBorder()), new DiagonalBorder()))
            { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                Format(0, 0, 0, 0, HorizontalAlignmentValues.General),                   // Default
                Format(2, 0, 0, 0, HorizontalAlignmentValues.Center),                    // Title
                Format(1, 2, 1, 0, HorizontalAlignmentValues.Center),                    // Header
                Format(0, 0, 1, 49, HorizontalAlignmentValues.Left),                     // Text: @, so Excel keeps "95%" as typed
                Format(0, 0, 1, 0, HorizontalAlignmentValues.Left),                      // Label
                Format(0, 0, 1, 0, HorizontalAlignmentValues.Left, indent: 2),           // LabelIndent1
                Format(0, 0, 1, 0, HorizontalAlignmentValues.Left, indent: 4),           // LabelIndent2
                Format(0, 0, 1, 2, HorizontalAlignmentValues.Right),                     // Amount: 0.00
                Format(0, 0, 1, 1, HorizontalAlignmentValues.Right),                     // Whole: 0
                Format(0, 0, 1, dateFormat, HorizontalAlignmentValues.Center),           // Date
                Format(0, 2, 1, 2, HorizontalAlignmentValues.Right),                     // Computed
                Format(0, 2, 1, 10, HorizontalAlignmentValues.Right),                    // ComputedPercent: 0.00%
                Format(0, 2, 1, 0, HorizontalAlignmentValues.Center))                    // ComputedText
            { Count = 13 });
    }

    private static Font Font(bool bold, double size) => bold
        ? new Font(new Bold(), new FontSize { Val = size }, new FontName { Val = "宋体" })
        : new Font(new FontSize { Val = size }, new FontName { Val = "宋体" });

    private static T Edge<T>(T border) where T : BorderPropertiesType
    {
        border.Style = BorderStyleValues.Thin;
        border.Append(new Color { Auto = true });
        return border;
    }

    private static CellFormat Format(uint font, uint fill, uint border, uint numberFormat, HorizontalAlignmentValues horizontal, uint indent = 0) =>
        new(new Alignment
        {
            Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = true, Indent = indent > 0 ? indent : null,
        })
        {
            FontId = font, FillId = fill, BorderId = border, NumberFormatId = numberFormat, FormatId = 0,
            ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyNumberFormat = true, ApplyAlignment = true,
        };
}
