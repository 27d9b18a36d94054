namespace EvalWorkflow.Workflows.Notifications;

/// <summary>How a user wants e-mail: none, each notification at once, or one digest a day.</summary>
public enum EmailMode
{
    Off,
    Immediate,
    DailyDigest,
}

/// <summary>
/// An e-mail waiting to go out, written in the same transaction as the notification it copies. A dispatcher sends it
/// with retries and back-off; a failed send never blocks a workflow act. Digest mails wait until the digest hour.
/// </summary>
public sealed class EmailMessage
{
    public const int MaxAttempts = 8;

    private EmailMessage() { }

    public EmailMessage(string userId, string to, string subject, string body, DateTime createdAtUtc, DateTime sendAfterUtc, bool digest)
    {
        UserId = userId;
        To = to;
        Subject = subject;
        Body = body;
        CreatedAtUtc = createdAtUtc;
        NextAttemptAtUtc = sendAfterUtc;
        IsDigest = digest;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public bool IsDigest { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The dispatcher pass that claimed the row to send it; null when no pass holds it.</summary>
    public Guid? ClaimToken { get; private set; }

    /// <summary>Until then no other dispatcher (on this node or another) sends the row; after it, the claim has lapsed.</summary>
    public DateTime? ClaimedUntilUtc { get; private set; }

    /// <summary>True once it has failed <see cref="MaxAttempts"/> times: it is kept for the administrator, not retried.</summary>
    public bool HasGivenUp => SentAtUtc is null && Attempts >= MaxAttempts;

    public void MarkSent(DateTime nowUtc) => (SentAtUtc, ClaimToken, ClaimedUntilUtc) = (nowUtc, null, null);

    /// <summary>Schedules the next attempt with exponential back-off: 30 s, 1 min, 2 min … capped at 1 h.</summary>
    public void MarkFailed(string error, DateTime nowUtc)
    {
        (ClaimToken, ClaimedUntilUtc) = (null, null);
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        var delay = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Attempts - 1)));
        NextAttemptAtUtc = nowUtc + delay;
    }
}
