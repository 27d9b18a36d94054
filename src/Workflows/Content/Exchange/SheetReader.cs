using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EvalWorkflow.Workflows.Content.Exchange;

/// <summary>One cell's value as Excel shows it. <see cref="Merged"/>: copied from the first cell of its merged region.</summary>
internal readonly record struct RawCell(string Text, bool IsNumber, bool IsError = false, bool Merged = false);

/// <summary>
/// The cells of one worksheet as the filer sees them: a merged region's value shows in each of its cells, a number
/// formatted as a percentage reads as the percentage. Reading values and reporting what cannot be read is in
/// <c>SheetReader.Values.cs</c>.
/// </summary>
internal sealed partial class SheetReader
{
    private readonly Dictionary<(int Row, int Column), RawCell> cells = [];
    private readonly ProblemList problems;

    private SheetReader(string name, ProblemList problems) => (Name, this.problems) = (name, problems);

    public string Name { get; }

    /// <summary>The rows with something in them, top to bottom.</summary>
    public IReadOnlyList<int> Rows { get; private set; } = [];

    public static SheetReader Load(string name, WorksheetPart part, IReadOnlyList<string> sharedStrings, Dictionary<uint, int> percentStyles,
        ProblemList problems)
    {
        var sheet = new SheetReader(name, problems);
        var rowNumber = 0;
        foreach (var row in part.Worksheet.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
        {
            rowNumber = (int?)row.RowIndex?.Value ?? rowNumber + 1;
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : column + 1;
                var value = Value(cell, sharedStrings);
                if (value.IsNumber && percentStyles.TryGetValue(cell.StyleIndex?.Value ?? 0, out var decimals) && ToDecimal(value.Text) is decimal fraction)
                {
                    value = new RawCell((fraction * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%", false);
                }

                if (value.Text.Trim().Length > 0)
                {
                    sheet.cells[(rowNumber, column)] = value;
                }
            }
        }

        sheet.Rows = sheet.cells.Keys.Select(k => k.Row).Distinct().Order().ToList();
        foreach (var merge in part.Worksheet.Elements<MergeCells>().SelectMany(m => m.Elements<MergeCell>()))
        {
            sheet.Spread(merge.Reference?.Value);
        }

        return sheet;
    }

    /// <summary>
    /// The cell styles that show numbers as percentages, with their decimals: in a cell not formatted as text, Excel turns
    /// a typed "93.50%" into 0.935, which must read as the filer saw it.
    /// </summary>
    public static Dictionary<uint, int> PercentStyles(Stylesheet? stylesheet)
    {
        var codes = new Dictionary<uint, string> { [9] = "0%", [10] = "0.00%" };
        foreach (var format in stylesheet?.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            codes[format.NumberFormatId?.Value ?? 0] = format.FormatCode?.Value ?? "";
        }

        var styles = new Dictionary<uint, int>();
        foreach (var (format, index) in (stylesheet?.CellFormats?.Elements<CellFormat>() ?? []).Select((f, i) => (f, (uint)i)))
        {
            var code = codes.GetValueOrDefault(format.NumberFormatId?.Value ?? 0, "").Replace("\"%\"", "");
            if (code.IndexOf('%') is var percent and >= 0)
            {
                var number = code[..percent];
                styles[index] = number.IndexOf('.') is var dot and >= 0 ? number[(dot + 1)..].Count(c => c is '0' or '#') : 0;
            }
        }

        return styles;
    }

    /// <summary>The text of a string item: its own text and its runs', without phonetic guides.</summary>
    public static string TextOf(OpenXmlElement? item) => item is null ? "" : string.Concat(item.ChildElements.Select(e => e switch
    {
        Text t => t.Text,
        Run r => string.Concat(r.Elements<Text>().Select(t => t.Text)),
        _ => "",
    }));

    private void Spread(string? reference)
    {
        if (reference?.Split(':') is not [var first, var last])
        {
            return;
        }

        var (top, left, bottom, right) = (RowIndex(first), ColumnIndex(first), RowIndex(last), ColumnIndex(last));
        if (!cells.TryGetValue((top, left), out var anchor) || (bottom - top + 1L) * (right - left + 1L) > 10_000)
        {
            return;
        }

        for (var row = top; row <= bottom; row++)
        {
            for (var column = left; column <= right; column++)
            {
                cells.TryAdd((row, column), anchor with { Merged = true });
            }
        }
    }

    private static RawCell Value(Cell cell, IReadOnlyList<string> sharedStrings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return new(TextOf(cell.InlineString), false);
        }

        var value = cell.CellValue?.Text ?? "";
        return type switch
        {
            // A reference to a shared string that does not exist is unreadable, not blank.
            _ when type == CellValues.SharedString => int.TryParse(value, out var i) && i >= 0 && i < sharedStrings.Count
                ? new(sharedStrings[i], false)
                : new($"无法读取（共享字符串 {value} 不存在）", false, IsError: true),
            _ when type == CellValues.Error => new(value, false, IsError: true),
            _ when type == CellValues.Boolean => new(value == "1" ? "TRUE" : "FALSE", false),
            _ when type == CellValues.String || type == CellValues.Date => new(value, false),
            _ => new(value, true),
        };
    }

    private static int ColumnIndex(string reference) =>
        reference.TakeWhile(char.IsAsciiLetter).Aggregate(0, (sum, c) => (sum * 26) + (char.ToUpperInvariant(c) - 'A' + 1));

    private static int RowIndex(string reference) =>
        int.TryParse(reference.AsSpan(reference.TakeWhile(char.IsAsciiLetter).Count()), out var row) ? row : 0;
}
