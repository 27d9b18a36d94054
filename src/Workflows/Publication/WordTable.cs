using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace EvalWorkflow.Workflows.Publication;

/// <summary>How a table cell looks: headers bold on grey, figures to the right, computed figures shaded.</summary>
internal enum WordCell
{
    Text,
    Header,
    Label,
    LabelIndent1,
    LabelIndent2,
    Amount,
    Computed,
    ComputedText,
}

/// <summary>
/// Builds a Word table row by row, like <c>SheetBuilder</c> builds a sheet: a cell may span columns to the right
/// (<c>gridSpan</c>) and rows down (<c>vMerge</c>); the cells covered below are added by the builder itself.
/// </summary>
internal sealed class WordTable(IReadOnlyList<int> widths)
{
    private const string Grey = "F2F2F2";

    private readonly List<TableRow> rows = [];
    private readonly Dictionary<int, (int Rows, int Span, WordCell Kind)> covered = [];
    private TableRow? row;
    private int column;

    /// <summary>Starts the next row; a header row repeats at the top of each page the table runs onto.</summary>
    public WordTable Row(bool header = false)
    {
        EndRow();
        var properties = new TableRowProperties(new CantSplit());
        if (header)
        {
            properties.Append(new TableHeader());
        }

        row = new TableRow(properties);
        column = 0;
        return this;
    }

    /// <summary>Adds a cell at the next free column, spanning <paramref name="span"/> columns and <paramref name="down"/> further rows.</summary>
    public WordTable Cell(string? text, WordCell kind = WordCell.Text, int span = 1, int down = 0)
    {
        Cover();
        var cell = NewCell(kind, span, down > 0 ? MergedCellValues.Restart : null);
        foreach (var paragraph in CellParagraphs(text, kind))
        {
            cell.Append(paragraph);
        }

        if (down > 0)
        {
            covered[column] = (down, span, kind);
        }

        row!.Append(cell);
        column += span;
        return this;
    }

    public WordTable Amount(decimal? value, WordCell kind = WordCell.Amount, int span = 1) =>
        Cell(ReportText.Amount(value), kind, span);

    public Table ToTable()
    {
        EndRow();
        var total = widths.Sum();
        var table = new Table(
            new TableProperties
            {
                TableWidth = new TableWidth { Width = total.ToString(ReportText.Invariant), Type = TableWidthUnitValues.Dxa },
                TableJustification = new TableJustification { Val = TableRowAlignmentValues.Center },
                TableBorders = new TableBorders(
                    Thin(new TopBorder()), Thin(new LeftBorder()), Thin(new BottomBorder()), Thin(new RightBorder()),
                    Thin(new InsideHorizontalBorder()), Thin(new InsideVerticalBorder())),
                TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
            },
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(ReportText.Invariant) })));
        table.Append(rows);
        return table;
    }

    private static T Thin<T>(T border) where T : BorderType
    {
        border.Val = BorderValues.Single;
        border.Size = 4;
        border.Space = 0;
        border.Color = "000000";
        return border;
    }

    /// <summary>Adds the continuation cells of merges from rows above that reach the next free column.</summary>
    private void Cover()
    {
        while (covered.TryGetValue(column, out var merge))
        {
            var cell = NewCell(merge.Kind, merge.Span, MergedCellValues.Continue);
            cell.Append(Paragraph(null, merge.Kind));
            row!.Append(cell);
            covered[column] = merge with { Rows = merge.Rows - 1 };
            if (merge.Rows == 1)
            {
                covered.Remove(column);
            }

            column += merge.Span;
        }
    }

    private void EndRow()
    {
        if (row is null)
        {
            return;
        }

        while (column < widths.Count)
        {
            var before = column;
            Cover();
            if (column == before)
            {
                throw new InvalidOperationException($"Table row {rows.Count + 1} ends at column {column} of {widths.Count}.");
            }
        }

        rows.Add(row);
        row = null;
    }

    private TableCell NewCell(WordCell kind, int span, MergedCellValues? merge)
    {
        var width = widths.Skip(column).Take(span).Sum();
        var properties = new TableCellProperties
        {
            TableCellWidth = new TableCellWidth { Width = width.ToString(ReportText.Invariant), Type = TableWidthUnitValues.Dxa },
            GridSpan = span > 1 ? new GridSpan { Val = span } : null,
            VerticalMerge = merge is { } m ? new VerticalMerge { Val = m == MergedCellValues.Restart ? m : null } : null,
            Shading = kind is WordCell.Header or WordCell.Computed or WordCell.ComputedText
                ? new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = Grey }
                : null,
            TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center },
        };
        return new TableCell(properties);
    }

    private static IEnumerable<Paragraph> CellParagraphs(string? text, WordCell kind) =>
        string.IsNullOrEmpty(text) ? [Paragraph(null, kind)] : text.Split('\n').Select(line => Paragraph(line.TrimEnd('\r'), kind));

    private static Paragraph Paragraph(string? text, WordCell kind)
    {
        var properties = new ParagraphProperties
        {
            ParagraphStyleId = new ParagraphStyleId { Val = ReportStyles.TableText },
            Indentation = kind switch
            {
                WordCell.LabelIndent1 => new Indentation { Left = "210" },
                WordCell.LabelIndent2 => new Indentation { Left = "420" },
                _ => null,
            },
            Justification = new Justification
            {
                Val = kind switch
                {
                    WordCell.Header or WordCell.ComputedText => JustificationValues.Center,
                    WordCell.Amount or WordCell.Computed => JustificationValues.Right,
                    _ => JustificationValues.Left,
                },
            },
        };
        var paragraph = new Paragraph(properties);
        if (!string.IsNullOrEmpty(text))
        {
            paragraph.Append(ReportText.Run(text, bold: kind == WordCell.Header));
        }

        return paragraph;
    }
}
