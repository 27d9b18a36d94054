using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using CellStyle = EvalWorkflow.Workflows.Content.Exchange.CellStyle;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Exchange;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;

namespace EvalWorkflow.Workflows.Rounds;

/// <summary>The round's progress board as an Excel workbook: a header row, then one row per unit, dates as dates.</summary>
public sealed class ExportRoundBoard(GetRoundBoard getBoard)
{
    private static readonly string[] Headers =
        ["单位", "当前阶段", "办理人", "办理期限", "剩余工作日", "期限状态", "提交截止日期", "提交日期", "审核通过日期", "最近操作", "最近操作日期"];

    public async Task<DownloadedFile> HandleAsync(Actor actor, Guid roundId, CancellationToken ct = default)
    {
        var board = await getBoard.SummaryAsync(actor, roundId, ct);
        var sheet = new SheetBuilder("进度", [4, 30, 16, 24, 13, 11, 18, 13, 13, 13, 16, 13]);
        sheet.Next("header").Headers("B", Headers);
        await foreach (var row in AllRowsAsync(actor, roundId, ct))
        {
            sheet.Next(row.EvaluationId.ToString())
                .Text("B", row.UnitName).Text("C", row.StageName).Text("D", row.Holder)
                .Date("E", row.Due?.Date).Number("F", row.Due?.WorkingDaysLeft, CellStyle.Whole).Text("G", row.Due?.Status)
                .Date("H", row.SubmissionDeadline).Date("I", DateOf(row.SubmittedAtUtc)).Date("J", DateOf(row.ApprovedAtUtc))
                .Text("K", row.LastAct is null ? null : $"{row.LastActorName} {row.LastAct}").Date("L", DateOf(row.LastActAtUtc));
        }

        var title = string.Concat(board.Title.Where(c => !Path.GetInvalidFileNameChars().Contains(c)));
        return new DownloadedFile($"{title}-进度.xlsx", TablesWorkbook.ContentType, Write(sheet));
    }

    /// <summary>The board's rows in its order, read a page at a time: the same rows the screen shows.</summary>
    private async IAsyncEnumerable<RoundBoardRow> AllRowsAsync(Actor actor, Guid roundId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var rows = await getBoard.RowsAsync(actor, roundId, new BoardQuery(new PageRequest(page, PageRequest.MaxPageSize)), ct);
            foreach (var row in rows.Items)
            {
                yield return row;
            }

            if (page * PageRequest.MaxPageSize >= rows.Total)
            {
                yield break;
            }
        }
    }

    private static DateOnly? DateOf(DateTime? utc) => utc is DateTime at ? ChinaDate.Of(at) : null;

    private static byte[] Write(SheetBuilder sheet)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = WorkbookStyles.Stylesheet();
            var part = workbook.AddNewPart<WorksheetPart>();
            sheet.WriteTo(part);
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = sheet.Name }));
        }

        return stream.ToArray();
    }
}
