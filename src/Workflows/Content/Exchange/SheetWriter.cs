using System.IO.Compression;
using System.Security;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EvalWorkflow.Workflows.Content.Exchange;

/// <summary>
/// A workbook of one sheet written row by row straight into the output, for lists too long to hold in memory
/// (<see cref="SheetBuilder"/> keeps every cell until the end). Each row is named by a key in the hidden column A;
/// the cells fill the columns from B. Disposing closes the sheet and the workbook.
/// </summary>
/// <remarks>
/// The SDK's <c>SpreadsheetDocument</c> keeps each part in memory until it is closed (it cannot work on a write-only
/// package), so the package's five small parts are written here and only the sheet streams, through <see cref="OpenXmlWriter"/>.
/// </remarks>
internal sealed class SheetWriter : IDisposable
{
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string SpreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml";

    private readonly ZipArchive zip;
    private readonly Stream sheetStream;
    private readonly OpenXmlWriter writer;
    private uint row;

    public SheetWriter(Stream output, string sheetName, IReadOnlyList<double> widths)
    {
        zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Part("[Content_Types].xml", $"""
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{SpreadsheetMl}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SpreadsheetMl}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="{SpreadsheetMl}.styles+xml"/></Types>
            """);
        Part("_rels/.rels", $"""
            <Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{OfficeRelationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Part("xl/workbook.xml", $"""
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{OfficeRelationships}"><sheets><sheet name="{SecurityElement.Escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        Part("xl/_rels/workbook.xml.rels", $"""
            <Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{OfficeRelationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{OfficeRelationships}/styles" Target="styles.xml"/></Relationships>
            """);
        using (var styles = zip.CreateEntry("xl/styles.xml").Open())
        using (var stylesWriter = OpenXmlWriter.Create(styles))
        {
            stylesWriter.WriteStartDocument(true);
            stylesWriter.WriteElement(WorkbookStyles.Stylesheet());
        }

        sheetStream = zip.CreateEntry("xl/worksheets/sheet1.xml").Open();
        writer = OpenXmlWriter.Create(sheetStream);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        writer.WriteElement(new Columns(widths.Select((w, i) => new Column
        {
            Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true, Hidden = i == 0 ? true : null,
        })));
        writer.WriteStartElement(new SheetData());
    }

    public void Row(string key, params Cell[] cells)
    {
        row++;
        writer.WriteStartElement(new Row { RowIndex = row });
        writer.WriteElement(Place(Text(key, CellStyle.Default), 'A'));
        for (var i = 0; i < cells.Length; i++)
        {
            writer.WriteElement(Place(cells[i], (char)('B' + i)));
        }

        writer.WriteEndElement();
    }

    public static Cell Text(string? text, CellStyle style = CellStyle.Text) => string.IsNullOrEmpty(text)
        ? new Cell { StyleIndex = (uint)style }
        : new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
        {
            DataType = CellValues.InlineString, StyleIndex = (uint)style,
        };

    public static Cell Number(decimal? value, CellStyle style = CellStyle.Amount) =>
        value is decimal v ? new Cell(new CellValue(v)) { StyleIndex = (uint)style } : new Cell { StyleIndex = (uint)style };

    public static Cell Date(DateOnly? value) => Number(value is DateOnly d ? (decimal)d.ToDateTime(TimeOnly.MinValue).ToOADate() : null, CellStyle.Date);

    public void Dispose()
    {
        writer.WriteEndElement(); // sheetData
        writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        writer.WriteEndElement(); // worksheet
        writer.Dispose();
        sheetStream.Dispose();
        zip.Dispose();
    }

    private void Part(string name, string xml)
    {
        using var stream = zip.CreateEntry(name).Open();
        using var text = new StreamWriter(stream);
        text.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""");
        text.Write(xml);
    }

    private Cell Place(Cell cell, char column)
    {
        cell.CellReference = $"{column}{row}";
        return cell;
    }
}
