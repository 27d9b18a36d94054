using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Rounds;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Publication;

/// <param name="Search">Part of a unit's name.</param>
public sealed record PublicReportFilter(int? FiscalYear = null, Guid? RoundId = null, Guid? UnitId = null, string? Search = null,
    RoundKind? Kind = null)
{
    public const int MaxSearchLength = 100;

    /// <summary>The search trimmed and cut to <see cref="MaxSearchLength"/>; null when blank.</summary>
    public string? SearchText
    {
        get
        {
            var text = Search?.Trim();
            return string.IsNullOrEmpty(text) ? null : text.Length > MaxSearchLength ? text[..MaxSearchLength] : text;
        }
    }
}

public sealed record PublishedReportSummary(
    Guid Id, int FiscalYear, Guid RoundId, string RoundTitle, Guid UnitId, string UnitName, DateTime PublishedAtUtc);

public sealed record PublicRoundOption(Guid Id, string Title, int FiscalYear);

public sealed record PublicUnitOption(Guid Id, string Name);

/// <summary>What the filters may choose from: only years and rounds that have a listed report, newest first.</summary>
public sealed record PublicReportOptions(IReadOnlyList<int> Years, IReadOnlyList<PublicRoundOption> Rounds);

/// <summary>The unit head's signature as the public sees it: the name and the time, not the account.</summary>
public sealed record PublishedSignature(string SignerName, DateTime SignedAtUtc);

/// <summary>The computed figures of the tables (rates, scores, totals, grades), without the reviewers' findings.</summary>
public sealed record PublishedScores(BasicRates Basic, TableScore Overall, IReadOnlyList<TableScore> Projects);

/// <summary>A published evaluation in full: the report, the tables and their scores, and who signed and approved which content.</summary>
/// <param name="Template">The forms' shape the tables were filled in: line relations (其中), indicator groups.</param>
public sealed record PublishedReport(
    Guid Id, int FiscalYear, string UnitName, string RoundTitle, DateTime PublishedAtUtc,
    PublishedSignature? Signature, DateTime? ApprovedAtUtc, string? ApprovedContentSha256,
    EvaluationContent Content, PublishedScores Scores, TemplateBody Template,
    int Revision = 1, Guid? SupersededById = null, DateTime? SupersededAtUtc = null, Guid? CorrectsId = null)
{
    /// <summary>The report's title as on the Word original, e.g. 某某局2024年度部门整体支出绩效自评报告.</summary>
    public string Title => $"{UnitName}{(RoundTitle.EndsWith("报告", StringComparison.Ordinal) ? RoundTitle : RoundTitle + "报告")}";
}

/// <summary>What the public may read, without signing in: published evaluations only.</summary>
public sealed class PublicReports(AppDbContext db) : IUseCase
{
    /// <summary>
    /// One page of the listed reports, sorted and cut in the database: newest year first, then unit and round, read in
    /// the order of the listing columns' index (<see cref="Evaluation.ListedFiscalYear"/>), so no sort runs.
    /// </summary>
    public async Task<Page<PublishedReportSummary>> ListAsync(PublicReportFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var query = Listed();
        if (filter.FiscalYear is int year)
        {
            query = query.Where(e => e.ListedFiscalYear == year);
        }

        if (filter.Kind is RoundKind kind)
        {
            query = query.Where(e => e.Round.Kind == kind);
        }

        if (filter.RoundId is Guid roundId)
        {
            query = query.Where(e => e.RoundId == roundId);
        }

        if (filter.UnitId is Guid unitId)
        {
            query = query.Where(e => e.UnitId == unitId);
        }

        if (filter.SearchText is { } text)
        {
            query = query.Where(e => e.ListedUnitName!.Contains(text));
        }

        return await query
            .OrderByDescending(e => e.ListedFiscalYear).ThenBy(e => e.ListedUnitName).ThenBy(e => e.ListedRoundTitle).ThenBy(e => e.Id)
            .Select(e => new PublishedReportSummary(e.Id, e.ListedFiscalYear!.Value, e.RoundId, e.ListedRoundTitle!, e.UnitId, e.ListedUnitName!,
                e.PublishedAtUtc!.Value))
            .ToPageAsync(page, ct);
    }

    /// <summary>
    /// The years and rounds that have a listed report, asked round by round (a few hundred) rather than report by report.
    /// Units are too many for a list: <see cref="UnitsAsync"/> finds them by name.
    /// </summary>
    public async Task<PublicReportOptions> OptionsAsync(CancellationToken ct = default)
    {
        var listed = ListedByStage();
        var rounds = await db.Rounds.AsNoTracking()
            .Where(r => listed.Any(e => e.RoundId == r.Id))
            .OrderByDescending(r => r.FiscalYear).ThenBy(r => r.Title).ThenBy(r => r.Id)
            .Select(r => new PublicRoundOption(r.Id, r.Title, r.FiscalYear))
            .ToListAsync(ct);
        return new PublicReportOptions(rounds.Select(r => r.FiscalYear).Distinct().ToList(), rounds);
    }

    /// <summary>At most <paramref name="limit"/> units with a listed report whose name contains the search, by name.</summary>
    public async Task<IReadOnlyList<PublicUnitOption>> UnitsAsync(string? search, int limit = 20, CancellationToken ct = default)
    {
        var listed = ListedByStage();
        var units = db.BudgetUnits.AsNoTracking().Where(u => listed.Any(e => e.UnitId == u.Id));
        if (new PublicReportFilter(Search: search).SearchText is { } text)
        {
            units = units.Where(u => u.Name.Contains(text));
        }

        return await units.OrderBy(u => u.Name).ThenBy(u => u.Id).Take(Math.Clamp(limit, 1, PageRequest.MaxPageSize))
            .Select(u => new PublicUnitOption(u.Id, u.Name)).ToListAsync(ct);
    }

    /// <summary>The name of a unit with a listed report, for the filter the address names; null when it has none.</summary>
    public async Task<string?> UnitNameAsync(Guid unitId, CancellationToken ct = default)
    {
        var listed = ListedByStage();
        return await db.BudgetUnits.AsNoTracking().Where(u => u.Id == unitId && listed.Any(e => e.UnitId == u.Id))
            .Select(u => u.Name).SingleOrDefaultAsync(ct);
    }

    /// <exception cref="Refusal">When no published report has this id.</exception>
    public async Task<PublishedReport> GetAsync(Guid id, CancellationToken ct = default)
    {
        var e = await Published()
            .Include(e => e.Unit).Include(e => e.Round).Include(e => e.Template).Include(e => e.Sections).Include(e => e.Parts)
            .AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw Refusal.NotFound("公开报告");
        var content = e.Content();
        var checks = ContentChecks.Run(content, e.Template.Body);
        return new PublishedReport(e.Id, e.Round.FiscalYear, e.Unit.Name, e.Round.Title, e.PublishedAtUtc!.Value,
            e.Signature is { } signature ? new PublishedSignature(signature.SignerName, signature.SignedAtUtc) : null,
            e.ApprovedAtUtc, e.ApprovedContentSha256, content, new PublishedScores(checks.Basic, checks.Overall, checks.Projects), e.Template.Body,
            e.Revision, e.SupersededById, e.SupersededAtUtc, e.CorrectsId);
    }

    // A corrected revision stays readable by its address but is not listed: its correction is. The listing columns are
    // set exactly while a revision is listed, so the two ways of asking agree: the list asks for the columns (their
    // partial index gives its order), a question per round or unit asks for the stage (the (RoundId, Stage) index).
    private IQueryable<Evaluation> Listed() => db.Evaluations.AsNoTracking().Where(e => e.ListedFiscalYear != null);

    private IQueryable<Evaluation> ListedByStage() => Published().Where(e => e.SupersededById == null);

    private IQueryable<Evaluation> Published() =>
        db.Evaluations.AsNoTracking().Where(e => e.Stage == Stages.Published && e.PublishedAtUtc != null);
}
