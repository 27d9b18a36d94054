using EvalWorkflow.Workflows.Content.Exchange;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Content;

/// <summary>A file to hand to the user.</summary>
public sealed record DownloadedFile(string FileName, string ContentType, byte[] Content);

/// <summary>The three tables as an Excel workbook in the standard layout, for anyone who may see the evaluation.</summary>
public sealed class DownloadTables(AppDbContext db) : IUseCase
{
    public async Task<DownloadedFile> HandleAsync(Actor actor, Guid evaluationId, CancellationToken ct = default)
    {
        var evaluation = await db.Evaluations.AsNoTracking().WithContent().FindVisibleAsync(evaluationId, actor, ct);
        var heading = new TablesHeading(evaluation.Id, evaluation.Unit.Name, evaluation.Round.FiscalYear);
        var workbook = TablesWorkbook.Write(heading, evaluation.Content(), evaluation.Template.Body);
        var unit = string.Concat(evaluation.Unit.Name.Where(c => !Path.GetInvalidFileNameChars().Contains(c)));
        return new DownloadedFile($"{unit}-{heading.FiscalYear}年度绩效自评附表.xlsx", TablesWorkbook.ContentType, workbook);
    }
}
