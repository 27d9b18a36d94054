using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Exchange;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using CellStyle = EvalWorkflow.Workflows.Content.Exchange.CellStyle;

namespace EvalWorkflow.Workflows.Rounds;

/// <summary>
/// The round's progress as an Excel workbook: a header row, then one row per unit by name, dates as dates.
/// The rows are read as a stream of the columns they show and written one by one into a temporary file.
/// </summary>
public sealed class ExportRoundBoard(AppDbContext db, TimeProvider clock) : IUseCase
{
    private static readonly string[] Headers =
        ["单位", "当前阶段", "办理人", "办理期限", "剩余工作日", "期限状态", "提交截止日期", "提交日期", "审核通过日期", "最近操作", "最近操作日期"];

    public async Task<StreamedFile> HandleAsync(Actor actor, Guid roundId, CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.Title, r.FinanceBureauId }).SingleOrDefaultAsync(ct);
        if (round is null || !actor.IsFinanceStaff || round.FinanceBureauId != actor.FinanceBureauId)
        {
            throw Refusal.NotFound("评价批次");
        }

        // The few workflows the round's evaluations follow, for the stages' names.
        var workflows = await db.WorkflowDefinitions.AsNoTracking()
            .Where(w => db.Evaluations.Any(e => e.RoundId == roundId && e.WorkflowDefinitionId == w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var today = ChinaDate.Today(clock);
        var title = string.Concat(round.Title.Where(c => !Path.GetInvalidFileNameChars().Contains(c)));
        return await StreamedFile.WriteAsync($"{title}-进度.xlsx", TablesWorkbook.ContentType, async stream =>
        {
            using var sheet = new SheetWriter(stream, "进度", [4, 30, 16, 24, 13, 11, 18, 13, 13, 13, 16, 13]);
            sheet.Row("header", Headers.Select(h => SheetWriter.Text(h, CellStyle.Header)).ToArray());
            await foreach (var row in Rows(roundId).WithCancellation(ct))
            {
                var due = row.DueOn is DateOnly on ? new DueDate(on, WorkingCalendar.Official.WorkingDaysUntil(today, on), "") : null;
                sheet.Row(row.Id.ToString(),
                    SheetWriter.Text(row.UnitName), SheetWriter.Text(workflows[row.WorkflowDefinitionId].Body.Stage(row.Stage).Name),
                    SheetWriter.Text(HolderLabels.Of(row.ClaimedByName, row.HolderRole, row.UnitName)),
                    SheetWriter.Date(due?.Date), SheetWriter.Number(due?.WorkingDaysLeft, CellStyle.Whole), SheetWriter.Text(due?.Status),
                    SheetWriter.Date(row.SubmissionDeadline), SheetWriter.Date(DateOf(row.SubmittedAtUtc)), SheetWriter.Date(DateOf(row.ApprovedAtUtc)),
                    SheetWriter.Text(row.LastAct is WorkflowAct act ? $"{row.LastActorName} {WorkflowActs.Label(act)}" : null),
                    SheetWriter.Date(DateOf(row.LastActAtUtc)));
            }
        });
    }

    private sealed record BoardRow(Guid Id, string UnitName, string Stage, Guid WorkflowDefinitionId, string? ClaimedByName, string? HolderRole,
        DateOnly? DueOn, DateOnly SubmissionDeadline, DateTime? SubmittedAtUtc, DateTime? ApprovedAtUtc,
        WorkflowAct? LastAct, string? LastActorName, DateTime? LastActAtUtc);

    /// <summary>Only the shown columns, untracked; the last act by three lookups on the (EvaluationId, Sequence) index.</summary>
    private IAsyncEnumerable<BoardRow> Rows(Guid roundId) => db.Evaluations.AsNoTracking()
        .Where(e => e.RoundId == roundId)
        .OrderBy(e => e.Unit.Name).ThenBy(e => e.Id)
        .Select(e => new BoardRow(e.Id, e.Unit.Name, e.Stage, e.WorkflowDefinitionId, e.ClaimedByName, e.HolderRole, e.DueOn,
            e.SubmissionDeadlineOverride ?? e.Round.SubmissionDeadline, e.SubmittedAtUtc, e.ApprovedAtUtc,
            db.EvaluationEvents.Where(h => h.EvaluationId == e.Id).OrderByDescending(h => h.Sequence).Select(h => (WorkflowAct?)h.Act).FirstOrDefault(),
            db.EvaluationEvents.Where(h => h.EvaluationId == e.Id).OrderByDescending(h => h.Sequence).Select(h => h.ActorName).FirstOrDefault(),
            db.EvaluationEvents.Where(h => h.EvaluationId == e.Id).OrderByDescending(h => h.Sequence).Select(h => (DateTime?)h.OccurredAtUtc).FirstOrDefault()))
        .AsAsyncEnumerable();

    private static DateOnly? DateOf(DateTime? utc) => utc is DateTime at ? ChinaDate.Of(at) : null;
}
