using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Publication;

/// <summary>A published report as a Word document, for anyone without signing in; nothing unpublished is found.</summary>
public sealed class DownloadPublishedReport(AppDbContext db) : IUseCase
{
    public async Task<DownloadedFile> HandleAsync(Guid evaluationId, CancellationToken ct = default)
    {
        var evaluation = await Published(db).SingleOrDefaultAsync(e => e.Id == evaluationId, ct) ?? throw Refusal.NotFound("公开报告");
        return FileOf(evaluation);
    }

    /// <summary>Published evaluations with everything the document needs.</summary>
    internal static IQueryable<Evaluation> Published(AppDbContext db) => db.Evaluations.AsNoTracking()
        .Where(e => e.Stage == Stages.Published && e.PublishedAtUtc != null)
        .Include(e => e.Unit).Include(e => e.Round).Include(e => e.Template)
        .WithContent();

    internal static DownloadedFile FileOf(Evaluation evaluation)
    {
        var content = evaluation.Content();
        var template = evaluation.Template.Body;
        var info = new ReportDocumentInfo(evaluation.Unit.Name, evaluation.Round.Title, evaluation.Round.FiscalYear,
            evaluation.SignerName, evaluation.SignedAtUtc, ContentHash.Of(content), evaluation.ApprovedAtUtc, evaluation.PublishedAtUtc);
        var document = ReportDocument.Build(info, content, ContentChecks.Run(content, template), template);
        var unit = string.Concat(evaluation.Unit.Name.Where(c => !Path.GetInvalidFileNameChars().Contains(c)));
        return new DownloadedFile($"{unit}-{info.FiscalYear}年度绩效自评报告.docx", ReportDocument.ContentType, document);
    }
}
