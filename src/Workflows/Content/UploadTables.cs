using EvalWorkflow.Workflows.Content.Exchange;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Content;

/// <summary>An uploaded workbook that could not be taken: nothing was changed; <see cref="Problems"/> says where and why.</summary>
public sealed class UploadRejected(IReadOnlyList<UploadProblem> problems)
    : Refusal(RefusalKind.Invalid, $"上传的表格有 {problems.Count} 处问题，内容未作任何修改。{problems[0].Text}")
{
    public IReadOnlyList<UploadProblem> Problems { get; } = problems;
}

/// <summary>
/// Replaces the tables with those of a filled copy of the downloaded workbook, on top of the current content version;
/// the report's sections stay. Allowed to whoever may save the content. A workbook with any problem changes nothing.
/// </summary>
public sealed class UploadTables(AppDbContext db) : IUseCase
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public async Task<ContentView> HandleAsync(Actor actor, Guid evaluationId, Stream file, CancellationToken ct = default)
    {
        var evaluation = await db.Evaluations.WithContent().FindVisibleAsync(evaluationId, actor, ct);
        evaluation.EnsureEditableBy(actor);
        using var workbook = await ReadLimitedAsync(file, ct);

        var read = TablesWorkbook.Read(workbook, evaluation.Id, evaluation.Content(), evaluation.Template.Body);
        if (read.Content is null)
        {
            throw new UploadRejected(read.Problems);
        }

        evaluation.ReplaceContent(read.Content, actor);
        await db.SaveOrRefuseStaleAsync(ct);
        return await GetContent.ViewAsync(db, evaluation, actor, ct);
    }

    private static async Task<MemoryStream> ReadLimitedAsync(Stream file, CancellationToken ct)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > MaxBytes)
            {
                await copy.DisposeAsync();
                throw new Refusal(RefusalKind.Invalid, $"文件过大：最多 {MaxBytes / 1024 / 1024} MB");
            }

            copy.Write(buffer, 0, read);
        }

        if (copy.Length == 0)
        {
            await copy.DisposeAsync();
            throw new Refusal(RefusalKind.Invalid, "文件是空的：请选择填好的 Excel 工作簿（.xlsx）");
        }

        copy.Position = 0;
        return copy;
    }
}
