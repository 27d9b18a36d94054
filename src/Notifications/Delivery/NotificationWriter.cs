using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Notifications;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Notifications.Delivery;

/// <summary>E-mail delivery settings: off unless an SMTP server is configured.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public bool Enabled { get; set; }
    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; } = 25;
    public bool UseTls { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@evalworkflow.local";
    public string FromName { get; set; } = "绩效自评系统";

    /// <summary>The hour (Asia/Shanghai) the daily digest goes out.</summary>
    public int DigestHour { get; set; } = 8;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Writes what reaches people for one event: an in-app notification for each recipient (always) and, when e-mail is
/// enabled, an e-mail row per their preference (at once, or in the next daily digest). The caller saves them in the same
/// transaction as its consumed-message row.
/// </summary>
public sealed class NotificationWriter(AppDbContext db, IOptions<EmailOptions> email)
{
    public async Task AddAsync(Guid eventId, IReadOnlyCollection<string> userIds, Guid? evaluationId, string title, string body,
        DateTime nowUtc, CancellationToken ct)
    {
        db.Notifications.AddRange(userIds.Select(userId => new Notification(eventId, userId, evaluationId, title, body, nowUtc)));
        if (!email.Value.Enabled || userIds.Count == 0)
        {
            return;
        }

        var recipients = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && u.Email != null && u.EmailMode != EmailMode.Off)
            .Select(u => new { u.Id, u.Email, u.EmailMode })
            .ToListAsync(ct);
        foreach (var user in recipients)
        {
            var digest = user.EmailMode == EmailMode.DailyDigest;
            var sendAfter = digest ? NextDigestUtc(nowUtc, email.Value.DigestHour) : nowUtc;
            db.EmailMessages.Add(new EmailMessage(user.Id, user.Email!, title, body, nowUtc, sendAfter, digest));
        }
    }

    /// <summary>The next digest hour (Asia/Shanghai) after <paramref name="nowUtc"/>.</summary>
    public static DateTime NextDigestUtc(DateTime nowUtc, int hour)
    {
        var today = ChinaDate.Of(nowUtc);
        var at = ChinaDate.StartUtc(today).AddHours(hour);
        return at > nowUtc ? at : at.AddDays(1);
    }
}
