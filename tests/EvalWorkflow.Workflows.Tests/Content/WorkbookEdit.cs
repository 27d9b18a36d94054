using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EvalWorkflow.Tests;

/// <summary>
/// Changes a downloaded workbook as a filer would in Excel: finds rows, types into cells, deletes a sheet.
/// Shared by the unit and the web tests (linked into both projects).
/// </summary>
public sealed class WorkbookEdit
{
    private readonly SpreadsheetDocument document;

    private WorkbookEdit(SpreadsheetDocument document) => this.document = document;

    public static byte[] Apply(byte[] workbook, Action<WorkbookEdit> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            edit(new WorkbookEdit(document));
        }

        return stream.ToArray();
    }

    /// <summary>The first row whose cell in <paramref name="column"/> reads <paramref name="text"/> (column A holds the row keys).</summary>
    public int RowWhere(string sheet, string column, string text) =>
        (int)Rows(sheet).First(r => r.Elements<Cell>().Any(c => c.CellReference == $"{column}{r.RowIndex}" && TextOf(c) == text)).RowIndex!.Value;

    public string? Get(string sheet, string reference) =>
        Rows(sheet).SelectMany(r => r.Elements<Cell>()).FirstOrDefault(c => c.CellReference == reference) is { } cell ? TextOf(cell) : null;

    public void Set(string sheet, string reference, string? text)
    {
        var cell = Cell(sheet, reference);
        cell.RemoveAllChildren();
        cell.DataType = text is null ? null : CellValues.InlineString;
        if (text is not null)
        {
            cell.InlineString = new InlineString(new Text(text));
        }
    }

    public void SetNumber(string sheet, string reference, decimal value)
    {
        var cell = Cell(sheet, reference);
        cell.RemoveAllChildren();
        (cell.DataType, cell.CellValue) = (null, new CellValue(value));
    }

    /// <summary>Types a percentage as Excel stores it in a cell not formatted as text: a fraction shown with "0.00%".</summary>
    public void SetPercent(string sheet, string reference, decimal fraction)
    {
        SetNumber(sheet, reference, fraction);
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        Cell(sheet, reference).StyleIndex = (uint)formats.FindIndex(f => f.NumberFormatId?.Value == 10);
    }

    /// <summary>Writes a cell as another program might: <paramref name="type"/> with <paramref name="value"/> as stored, unchecked.</summary>
    public void SetRaw(string sheet, string reference, CellValues? type, string value)
    {
        var cell = Cell(sheet, reference);
        cell.RemoveAllChildren();
        (cell.DataType, cell.CellValue) = (type is null ? null : new EnumValue<CellValues>(type.Value), new CellValue(value));
    }

    public void RemoveSheet(string name)
    {
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var part = document.WorkbookPart.GetPartById(sheet.Id!.Value!);
        sheet.Remove();
        document.WorkbookPart.DeletePart(part);
    }

    private IEnumerable<Row> Rows(string sheet)
    {
        var id = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        return ((WorksheetPart)document.WorkbookPart.GetPartById(id)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>();
    }

    private Cell Cell(string sheet, string reference)
    {
        var rowIndex = uint.Parse(reference.Where(char.IsAsciiDigit).ToArray(), System.Globalization.CultureInfo.InvariantCulture);
        var row = Rows(sheet).Single(r => r.RowIndex! == rowIndex);
        if (row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference) is { } existing)
        {
            return existing;
        }

        var cell = new Cell { CellReference = reference };
        var after = row.Elements<Cell>().FirstOrDefault(c => string.CompareOrdinal(c.CellReference!.Value, reference) > 0);
        if (after is null)
        {
            row.Append(cell);
        }
        else
        {
            row.InsertBefore(cell, after);
        }

        return cell;
    }

    private static string TextOf(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
}
