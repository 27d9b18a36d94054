using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Content.Exchange;

public static partial class TablesWorkbook
{
    /// <summary>Bounds what one part of an upload may expand to: a few hundred rows need far less.</summary>
    private const long MaxCharactersInPart = 20_000_000;

    /// <summary>All parts inflated together; a filled workbook of the largest template is under 2 MB.</summary>
    private const long MaxInflatedBytes = 64L * 1024 * 1024;

    /// <summary>
    /// How far one part may inflate beyond its compressed size (counted on the bytes read, not the sizes the archive
    /// claims). Deflate's ceiling is about 1,030:1, which only crafted data reaches; the most repetitive sheet Excel
    /// writes is under 100:1. Parts under <see cref="RatioCheckedFrom"/> are not held to it.
    /// </summary>
    private const long MaxRatio = 200;

    private const long RatioCheckedFrom = 1024 * 1024;

    /// <summary>Parts in one workbook; ours has about 20 (a part per sheet, styles, strings, properties).</summary>
    private const int MaxEntries = 1000;

    /// <summary>
    /// Reads the tables back into a document that keeps <paramref name="current"/>'s report sections and project list.
    /// A table left as downloaded comes back as it is now; a changed one must not have been changed by someone else
    /// since the download, so that nobody's work is overwritten unseen.
    /// </summary>
    public static TablesReadResult Read(Stream file, Guid evaluationId, EvaluationContent current, TemplateBody template)
    {
        var problems = new ProblemList();
        if (Open(file, problems) is not { } sheets)
        {
            return new(null, problems.ToList());
        }

        var tables = Identify(sheets, evaluationId, problems);
        var basic = Table(tables, BasicTable, BasicSheet, problems, current.Basic, s => ReadBasic(s, template));
        var overall = Table(tables, OverallTable, OverallSheet, problems, current.Overall,
            s => ReadSelfEvaluation(s, current.Overall.Id, project: false, template));
        var projects = current.Projects.Select((p, i) => Table(tables, ProjectTable + p.Id, ProjectSheetName(i + 1, p.ProjectName), problems, p,
            s => ReadSelfEvaluation(s, p.Id, project: true, template))).ToList();
        foreach (var (_, (sheet, _)) in tables.Where(t => t.Key.StartsWith(ProjectTable, StringComparison.Ordinal)
            && current.Projects.All(p => ProjectTable + p.Id != t.Key)))
        {
            problems.Add(sheet.Name, 0, "", "此项目表已不在当前内容中（项目已被删除）：请重新下载后再填写");
        }

        // Each filled copy of the blank project sheet is a new project table; one left blank is nothing.
        var added = tables.Where(t => t.Key.StartsWith(NewProjectTable + "#", StringComparison.Ordinal))
            .Select(t => (t.Value.Stamp, Table: ReadSelfEvaluation(t.Value.Sheet, Guid.NewGuid(), project: true, template)))
            .Where(t => Stamp(t.Table) != t.Stamp)
            .Select(t => t.Table)
            .ToList();
        return problems.Any || basic is null || overall is null || projects.Any(p => p is null)
            ? new(null, problems.ToList())
            : new(new EvaluationContent(current.Sections, basic, overall, [.. projects!, .. added]), []);
    }

    private static T? Table<T>(Dictionary<string, (SheetReader Sheet, string Stamp)> tables, string key, string sheetName,
        ProblemList problems, T current, Func<SheetReader, T> read) where T : class
    {
        if (!tables.TryGetValue(key, out var found))
        {
            problems.Add(sheetName, 0, "", "缺少这张工作表：请在本系统下载的工作簿上填写，不要删除工作表");
            return null;
        }

        // Three ways: as downloaded (found.Stamp), as uploaded, as it is now. A table the filer left as downloaded keeps
        // what others changed meanwhile; one the filer changed replaces the current only if nobody else changed it.
        var table = read(found.Sheet);
        var uploaded = Stamp(table);
        if (uploaded == found.Stamp || uploaded == Stamp(current))
        {
            return current;
        }

        if (found.Stamp != Stamp(current))
        {
            problems.Add(found.Sheet.Name, 0, "", "您下载之后，此表已被他人修改：请重新下载，填好后再上传");
        }

        return table;
    }

    private static List<SheetReader>? Open(Stream file, ProblemList problems)
    {
        try
        {
            if (!InflatesWithin(file, MaxInflatedBytes))
            {
                problems.Add(ProblemList.Workbook, 0, "",
                    $"文件解压后超过 {MaxInflatedBytes / 1024 / 1024} MB、压缩比异常或多于 {MaxEntries} 个部件，不是本系统下载的工作簿：请上传本系统下载并填好的 Excel 工作簿（.xlsx）");
                return null;
            }

            using var document = SpreadsheetDocument.Open(file, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
            var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(SheetReader.TextOf).ToList() ?? [];
            var percentStyles = SheetReader.PercentStyles(workbook.WorkbookStylesPart?.Stylesheet);
            return (workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
                .Select(s => (Name: s.Name?.Value ?? "", Part: s.Id?.Value is { } id ? workbook.GetPartById(id) as WorksheetPart : null))
                .Where(s => s.Part is not null)
                .Select(s => SheetReader.Load(s.Name, s.Part!, strings, percentStyles, problems))
                .ToList();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FormatException or XmlException or IOException or ArgumentException)
        {
            problems.Add(ProblemList.Workbook, 0, "", "无法读取文件：请上传本系统下载的 Excel 工作簿（.xlsx），不支持 .xls、.csv 等格式");
            return null;
        }
    }

    /// <summary>
    /// Whether the workbook has at most <see cref="MaxEntries"/> parts and its zip entries, actually inflated (a zip's declared sizes can lie), come to at most
    /// <paramref name="limit"/> bytes, none inflating beyond <see cref="MaxRatio"/> times its size: a 400 KB upload can inflate to 400 MB, and System.IO.Packaging reads some parts
    /// (<c>[Content_Types].xml</c>) whole, whatever OpenSettings say. Stops reading at the limit.
    /// </summary>
    private static bool InflatesWithin(Stream file, long limit)
    {
        var start = file.Position;
        var buffer = new byte[81920];
        long total = 0;
        using (var zip = new System.IO.Compression.ZipArchive(file, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
        {
            if (zip.Entries.Count > MaxEntries)
            {
                return false;
            }

            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                long inEntry = 0;
                int read;
                while ((read = content.Read(buffer)) > 0)
                {
                    total += read;
                    inEntry += read;
                    if (total > limit || (inEntry > RatioCheckedFrom && inEntry > MaxRatio * Math.Max(1, entry.CompressedLength)))
                    {
                        return false;
                    }
                }
            }
        }

        file.Position = start;
        return true;
    }

    /// <summary>Finds each table's sheet by the key in its first named row; sheets without one are not ours and are ignored.</summary>
    private static Dictionary<string, (SheetReader Sheet, string Stamp)> Identify(List<SheetReader> sheets, Guid evaluationId, ProblemList problems)
    {
        var tables = new Dictionary<string, (SheetReader, string)>();
        foreach (var sheet in sheets)
        {
            var row = sheet.Rows.FirstOrDefault(r => sheet.Key(r) is not null);
            if (sheet.Key(row)?.Split('/') is not [var evaluation, var table, var stamp])
            {
                continue;
            }

            if (!Guid.TryParse(evaluation, out var id) || id != evaluationId)
            {
                problems.Add(sheet.Name, 0, "", "此表是另一份评价的，不能上传到本评价");
            }
            else if (table == NewProjectTable)
            {
                tables[$"{NewProjectTable}#{sheet.Name}"] = (sheet, stamp); // copies of it are wanted: one per new project
            }
            else if (!tables.TryAdd(table, (sheet, stamp)))
            {
                problems.Add(sheet.Name, 0, "", $"此表与工作表「{tables[table].Item1.Name}」重复（复制出的工作表）：请删除其一");
            }
        }

        return tables;
    }

    private static bool IsTableKey(string key) => key.Contains('/');

    /// <summary>A fixed row appears once; a second one is a copy.</summary>
    private static bool Once(SheetReader sheet, Dictionary<string, int> seen, int row, string key)
    {
        if (seen.TryAdd(key, row))
        {
            return true;
        }

        sheet.Problem(row, "", $"此行与第{seen[key]}行重复（复制出的行）：请删除");
        return false;
    }

    private static void Require(SheetReader sheet, Dictionary<string, int> seen, IEnumerable<(string Key, string Label)> rows)
    {
        foreach (var (key, label) in rows.Where(r => !seen.ContainsKey(r.Key)))
        {
            sheet.Problem(0, "", $"缺少「{label}」一行：请勿删除表格的固定行");
        }
    }

    private static void UnknownRow(SheetReader sheet, int row, string key) =>
        sheet.Problem(row, "A", $"无法识别此行（隐藏的A列写着「{key}」）：请勿修改A列");

    private static TableFooter ReadFooter(SheetReader sheet, int row)
    {
        sheet.Expect(row, 'B', FooterLabels);
        return new TableFooter(sheet.Text(row, "C"), sheet.Text(row, "E"), sheet.Date(row, "G"));
    }
}
