using EvalWorkflow.Workflows.Identity;

namespace EvalWorkflow.Workflows.Audit;

/// <summary>What an audit entry records (GB/T 22239 安全审计: the event type).</summary>
public enum AuditKind
{
    SignedIn,
    SignInFailed,
    SignInThrottled,
    LockedOut,
    SignedOut,
    SigningFailed,
    SigningLockedOut,
    AccessRefused,
    AccountUnlocked,
    AccountCreated,
    RoundCreated,
    DeadlineExtended,
    PublicationScheduled,
    Published,
    CorrectionOpened,
    UnitsReminded,
}

public enum AuditOutcome
{
    Succeeded,
    Failed,
    Refused,
}

/// <summary>
/// One line of the security audit log: who (user, address), when, what and with what outcome. Append-only: the database
/// refuses every change and every deletion of an entry younger than <see cref="AuditRetention.MinimumDays"/> days
/// (triggers in the migration <c>AuditLog</c>), and the product has no path that changes one.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxUserNameLength = 64;
    public const int MaxSubjectLength = 200;
    public const int MaxDetailLength = 500;

    private AuditEntry() { }

    public AuditEntry(AuditKind kind, AuditOutcome outcome, DateTime occurredAtUtc, string? userId, string userName, string? address,
        Guid? financeBureauId, string? subject = null, string? detail = null)
    {
        Kind = kind;
        Outcome = outcome;
        OccurredAtUtc = occurredAtUtc;
        UserId = userId;
        UserName = Cut(userName, MaxUserNameLength) ?? "";
        Address = Cut(address, 64);
        FinanceBureauId = financeBureauId;
        Subject = Cut(subject, MaxSubjectLength);
        Detail = Cut(detail, MaxDetailLength) ?? "";
    }

    /// <summary>A successful administrative act, written by its use case in the act's own transaction.</summary>
    public static AuditEntry Of(Actor actor, AuditKind kind, DateTime occurredAtUtc, string subject, string? detail = null) =>
        new(kind, AuditOutcome.Succeeded, occurredAtUtc, actor.UserId, actor.UserName, actor.Address, actor.FinanceBureauId, subject, detail);

    public long Id { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public AuditKind Kind { get; private set; }
    public AuditOutcome Outcome { get; private set; }

    /// <summary>Null for a name that belongs to nobody (a failed sign-in).</summary>
    public string? UserId { get; private set; }

    /// <summary>The account's name, or the name typed at a failed sign-in.</summary>
    public string UserName { get; private set; } = "";

    public string? Address { get; private set; }

    /// <summary>The bureau whose administrators see the entry: the user's, or their unit's; null for an unknown name.</summary>
    public Guid? FinanceBureauId { get; private set; }

    /// <summary>What was acted on: an evaluation, a round, an account, an address.</summary>
    public string? Subject { get; private set; }

    public string Detail { get; private set; } = "";

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
