using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Publication;

public sealed record PublishedReportSummary(Guid Id, int FiscalYear, string UnitName, string RoundTitle, DateTime PublishedAtUtc);

public sealed record PublishedReport(
    Guid Id, int FiscalYear, string UnitName, string RoundTitle, DateTime PublishedAtUtc,
    Signature? Signature, DateTime? ApprovedAtUtc, string? ApprovedContentSha256, IReadOnlyList<SectionView> Sections);

/// <summary>What the public may read, without signing in: published evaluations only.</summary>
public sealed class PublicReports(AppDbContext db)
{
    public async Task<IReadOnlyList<PublishedReportSummary>> ListAsync(int? fiscalYear, string? unitName, CancellationToken ct = default)
    {
        var query = Published().Where(e => fiscalYear == null || e.Round.FiscalYear == fiscalYear);
        if (!string.IsNullOrWhiteSpace(unitName))
        {
            var name = unitName.Trim();
            query = query.Where(e => e.Unit.Name.Contains(name));
        }

        var rows = await query
            .Select(e => new PublishedReportSummary(e.Id, e.Round.FiscalYear, e.Unit.Name, e.Round.Title, e.PublishedAtUtc!.Value))
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.FiscalYear).ThenBy(r => r.UnitName).ToList();
    }

    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct = default) =>
        (await Published().Select(e => e.Round.FiscalYear).Distinct().ToListAsync(ct)).OrderDescending().ToList();

    public async Task<PublishedReport> GetAsync(Guid id, CancellationToken ct = default)
    {
        var e = await Published().Include(e => e.Unit).Include(e => e.Round).Include(e => e.Sections)
            .SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw Refusal.NotFound("公开报告");
        return new PublishedReport(e.Id, e.Round.FiscalYear, e.Unit.Name, e.Round.Title, e.PublishedAtUtc!.Value,
            e.Signature, e.ApprovedAtUtc, e.ApprovedContentSha256,
            e.Sections.OrderBy(s => s.Order).Select(SectionView.Of).ToList());
    }

    private IQueryable<Evaluation> Published() =>
        db.Evaluations.AsNoTracking().Where(e => e.Stage == Stages.Published && e.PublishedAtUtc != null);
}
