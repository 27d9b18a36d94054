using System.Text.Json;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>The first row of one evaluation's history that breaks the chain, and how.</summary>
public sealed record BrokenLink(Guid EvaluationId, string UnitName, string RoundTitle, int Sequence, string Reason);

public enum HistoryCheckStatus
{
    Queued,
    Running,
    Finished,
    Failed,
}

/// <summary>
/// One run of the history verification over a finance bureau's evaluations (<see cref="RunHistoryCheck"/>): who asked,
/// how far it got, and the first broken row of each evaluation whose chain is broken.
/// </summary>
public sealed class HistoryCheck
{
    /// <summary>Broken links kept for display; <see cref="BrokenCount"/> counts them all.</summary>
    public const int MaxListed = 1000;

    /// <summary>A queued or running check that reported nothing for this long was lost (a restart): a new one may start.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    private HistoryCheck() { }

    internal HistoryCheck(Guid financeBureauId, Actor requestedBy, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        FinanceBureauId = financeBureauId;
        RequestedById = requestedBy.UserId;
        RequestedByName = requestedBy.DisplayName;
        RequestedAtUtc = nowUtc;
        ProgressAtUtc = nowUtc;
        Status = HistoryCheckStatus.Queued;
    }

    public Guid Id { get; private set; }
    public Guid FinanceBureauId { get; private set; }
    public string RequestedById { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTime RequestedAtUtc { get; private set; }
    public DateTime? StartedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }

    /// <summary>When the job last reported; see <see cref="AbandonedAfter"/>.</summary>
    public DateTime ProgressAtUtc { get; private set; }

    public HistoryCheckStatus Status { get; private set; }
    public int EvaluationsTotal { get; private set; }
    public int EvaluationsChecked { get; private set; }
    public int RowsChecked { get; private set; }

    /// <summary>How many evaluations have a broken chain; the first <see cref="MaxListed"/> are in <see cref="BrokenLinksJson"/>.</summary>
    public int BrokenCount { get; private set; }

    public string? BrokenLinksJson { get; private set; }
    public string? FailureReason { get; private set; }

    public IReadOnlyList<BrokenLink> BrokenLinks =>
        BrokenLinksJson is null ? [] : JsonSerializer.Deserialize<List<BrokenLink>>(BrokenLinksJson) ?? [];

    public bool IsActive => Status is HistoryCheckStatus.Queued or HistoryCheckStatus.Running;

    public bool IsAbandoned(DateTime nowUtc) => IsActive && nowUtc - ProgressAtUtc > AbandonedAfter;

    /// <summary>The bureau whose histories <paramref name="actor"/> may check: a finance administrator's own.</summary>
    /// <exception cref="Refusal">For anyone else.</exception>
    internal static Guid BureauFor(Actor actor) =>
        actor.IsInRole(Roles.FinanceAdmin) && actor.FinanceBureauId is Guid bureauId
            ? bureauId
            : throw Refusal.Forbidden("只有财政管理员可以校验办理记录");

    internal void Start(int evaluationsTotal, DateTime nowUtc)
    {
        Status = HistoryCheckStatus.Running;
        EvaluationsTotal = evaluationsTotal;
        (StartedAtUtc, ProgressAtUtc) = (nowUtc, nowUtc);
    }

    /// <summary>Counts one chunk: <paramref name="broken"/> chains found broken in it, of which <paramref name="listed"/> are kept.</summary>
    internal void Record(int evaluations, int rows, int broken, IReadOnlyList<BrokenLink> listed, DateTime nowUtc)
    {
        EvaluationsChecked += evaluations;
        RowsChecked += rows;
        BrokenCount += broken;
        if (listed.Count > 0)
        {
            BrokenLinksJson = JsonSerializer.Serialize(BrokenLinks.Concat(listed).Take(MaxListed).ToList());
        }

        ProgressAtUtc = nowUtc;
    }

    /// <summary>How many more broken links may be kept.</summary>
    internal int ListRoom => MaxListed - BrokenLinks.Count;

    internal void Finish(DateTime nowUtc)
    {
        Status = HistoryCheckStatus.Finished;
        (FinishedAtUtc, ProgressAtUtc) = (nowUtc, nowUtc);
    }

    internal void Fail(string reason, DateTime nowUtc)
    {
        Status = HistoryCheckStatus.Failed;
        FailureReason = reason;
        (FinishedAtUtc, ProgressAtUtc) = (nowUtc, nowUtc);
    }
}

internal sealed class HistoryCheckConfiguration : IEntityTypeConfiguration<HistoryCheck>
{
    public void Configure(EntityTypeBuilder<HistoryCheck> builder)
    {
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.RequestedByName).HasMaxLength(64);
        builder.Property(c => c.BrokenLinksJson).HasMaxLength(2_000_000);
        builder.Property(c => c.FailureReason).HasMaxLength(500);
        builder.Ignore(c => c.BrokenLinks);
        builder.HasOne<FinanceBureau>().WithMany().HasForeignKey(c => c.FinanceBureauId);
        builder.HasIndex(c => new { c.FinanceBureauId, c.RequestedAtUtc }); // the bureau's latest check
        // At most one queued or running check per bureau, even when two administrators start at the same moment.
        builder.HasIndex(c => c.FinanceBureauId, "IX_HistoryChecks_OneActivePerBureau").IsUnique()
            .HasFilter("\"Status\" IN ('Queued', 'Running')");
    }
}
