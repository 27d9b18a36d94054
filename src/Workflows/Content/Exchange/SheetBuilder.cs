using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EvalWorkflow.Workflows.Content.Exchange;

/// <summary>
/// Builds one worksheet row by row: every row is named by a key in the hidden column A, which is how an upload finds
/// its lines again. Columns are single letters; merged regions carry the style of their first cell.
/// </summary>
internal sealed class SheetBuilder(string name, IReadOnlyList<double> widths)
{
    private readonly SortedDictionary<uint, SortedDictionary<int, Cell>> rows = [];
    private readonly Dictionary<uint, double> heights = [];
    private readonly List<string> merges = [];

    public string Name { get; } = name;

    public uint Row { get; private set; }

    /// <summary>Starts the next row, named by <paramref name="key"/>.</summary>
    public SheetBuilder Next(string key, double? height = null)
    {
        Row++;
        Put("A", new Cell(InlineText(key)) { DataType = CellValues.InlineString });
        if (height is double h)
        {
            heights[Row] = h;
        }

        return this;
    }

    public SheetBuilder Text(string column, string? text, CellStyle style = CellStyle.Text, string? mergeTo = null, uint down = 0)
    {
        var cell = string.IsNullOrEmpty(text) ? new Cell() : new Cell(InlineText(text)) { DataType = CellValues.InlineString };
        return Put(column, cell, style, mergeTo, down);
    }

    public SheetBuilder Number(string column, decimal? value, CellStyle style = CellStyle.Amount) =>
        Put(column, value is decimal v ? new Cell(new CellValue(v)) : new Cell(), style);

    public SheetBuilder Date(string column, DateOnly? value) =>
        Put(column, value is DateOnly d ? new Cell(new CellValue((decimal)d.ToDateTime(TimeOnly.MinValue).ToOADate())) : new Cell(), CellStyle.Date);

    /// <summary>Writes <paramref name="texts"/> into consecutive columns from <paramref name="first"/>.</summary>
    public SheetBuilder Headers(string first, IReadOnlyList<string> texts, CellStyle style = CellStyle.Header)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            Text(((char)(first[0] + i)).ToString(), texts[i], style);
        }

        return this;
    }

    private SheetBuilder Put(string column, Cell cell, CellStyle style = CellStyle.Default, string? mergeTo = null, uint down = 0)
    {
        Place(Row, column[0], cell, style);
        var last = mergeTo?[0] ?? column[0];
        if (last != column[0] || down > 0)
        {
            merges.Add($"{column}{Row}:{last}{Row + down}");
            for (var row = Row; row <= Row + down; row++)
            {
                for (var c = column[0]; c <= last; c++)
                {
                    if (row != Row || c != column[0])
                    {
                        Place(row, c, new Cell(), style);
                    }
                }
            }
        }

        return this;
    }

    private void Place(uint row, char column, Cell cell, CellStyle style)
    {
        cell.CellReference = $"{column}{row}";
        cell.StyleIndex = (uint)style;
        if (!rows.TryGetValue(row, out var cells))
        {
            rows[row] = cells = [];
        }

        cells[column - 'A'] = cell;
    }

    public void WriteTo(WorksheetPart part)
    {
        var data = new SheetData(rows.Select(r =>
        {
            var row = new Row(r.Value.Values) { RowIndex = r.Key };
            if (heights.TryGetValue(r.Key, out var height))
            {
                (row.Height, row.CustomHeight) = (height, true);
            }

            return row;
        }));
        part.Worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new Columns(widths.Select((w, i) => new Column
            {
                Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true, Hidden = i == 0 ? true : null,
            })),
            data);
        if (merges.Count > 0)
        {
            // The schema wants at least one merge in <mergeCells>: Excel repairs a file with an empty one.
            part.Worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Count });
        }

        part.Worksheet.Append(
            new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
    }

    /// <summary>A row height for <paramref name="text"/> wrapped in a cell about <paramref name="charsPerLine"/> Chinese characters wide.</summary>
    public static double HeightFor(string? text, int charsPerLine, double minimum = 20) =>
        Math.Max(minimum, 15 * (text ?? "").Split('\n').Sum(line => Math.Max(1, (line.Length + charsPerLine - 1) / charsPerLine)) + 6);

    private static InlineString InlineText(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
}
