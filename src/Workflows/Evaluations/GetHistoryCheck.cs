using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>A history check as the finance administrator sees it, while it runs and after.</summary>
/// <param name="FirstBroken">The first broken link of each evaluation whose chain is broken, at most <see cref="HistoryCheck.MaxListed"/>.</param>
/// <param name="Unlisted">Broken chains found but not listed (另有 N 条未列出).</param>
public sealed record HistoryCheckView(Guid Id, HistoryCheckStatus Status, string StatusText, string RequestedByName,
    DateTime RequestedAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc, int EvaluationsTotal, int EvaluationsChecked,
    int RowsChecked, int BrokenCount, int Unlisted, IReadOnlyList<BrokenLink> FirstBroken, string? FailureReason)
{
    public bool IsActive => Status is HistoryCheckStatus.Queued or HistoryCheckStatus.Running;

    /// <summary>Finished, and every chain holds.</summary>
    public bool Holds => Status == HistoryCheckStatus.Finished && BrokenCount == 0;

    public static HistoryCheckView Of(HistoryCheck check)
    {
        var listed = check.BrokenLinks;
        return new HistoryCheckView(check.Id, check.Status, TextOf(check.Status), check.RequestedByName, check.RequestedAtUtc,
            check.StartedAtUtc, check.FinishedAtUtc, check.EvaluationsTotal, check.EvaluationsChecked, check.RowsChecked,
            check.BrokenCount, check.BrokenCount - listed.Count, listed, check.FailureReason);
    }

    private static string TextOf(HistoryCheckStatus status) => status switch
    {
        HistoryCheckStatus.Queued => "排队中",
        HistoryCheckStatus.Running => "进行中",
        HistoryCheckStatus.Finished => "已完成",
        _ => "失败",
    };
}

/// <summary>One of the finance administrator's bureau's history checks, or its latest.</summary>
public sealed class GetHistoryCheck(AppDbContext db) : IUseCase
{
    public async Task<HistoryCheckView> HandleAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var bureauId = HistoryCheck.BureauFor(actor);
        var check = await db.HistoryChecks.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.FinanceBureauId == bureauId, ct);
        return check is null ? throw Refusal.NotFound("校验记录") : HistoryCheckView.Of(check);
    }

    /// <summary>The bureau's most recently requested check; null when there has been none.</summary>
    public async Task<HistoryCheckView?> LatestAsync(Actor actor, CancellationToken ct = default)
    {
        var bureauId = HistoryCheck.BureauFor(actor);
        var check = await db.HistoryChecks.AsNoTracking()
            .Where(c => c.FinanceBureauId == bureauId)
            .OrderByDescending(c => c.RequestedAtUtc)
            .FirstOrDefaultAsync(ct);
        return check is null ? null : HistoryCheckView.Of(check);
    }
}
