using EvalWorkflow.Notifications.InApp;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Notifications;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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

    /// <summary>How long a dispatcher's claim on the mails it sends lasts: a node that dies holding them frees them then.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The hour (Asia/Shanghai) the daily digest goes out.</summary>
    public int DigestHour { get; set; } = 8;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Writes what reaches people for one event: an in-app notification for each recipient (always) and, when e-mail is
/// enabled, an e-mail row per their preference (at once, or in the next daily digest). The caller saves them in the same
/// transaction as its consumed-message row.
/// </summary>
public sealed partial class NotificationWriter(AppDbContext db, IOptions<EmailOptions> email, NotificationFeed feed, TimeProvider clock,
    ILogger<NotificationWriter> logger)
{
    /// <summary>
    /// Delivers one event once per consumer: its notifications (and e-mail rows) and a consumed-message row are saved in
    /// one transaction, so a second delivery of the event — a retry, the outbox publishing again — writes nothing.
    /// </summary>
    /// <param name="recipients">Who gets it; asked only when the event is new here.</param>
    public async Task DeliverOnceAsync(string consumer, Guid eventId, Guid? evaluationId, string title, string body,
        Func<CancellationToken, Task<IReadOnlyCollection<string>>> recipients, CancellationToken ct)
    {
        if (await db.ConsumedMessages.AnyAsync(m => m.EventId == eventId && m.Consumer == consumer, ct))
        {
            LogAlreadyDelivered(eventId, consumer);
            return;
        }

        var userIds = await recipients(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await AddAsync(eventId, userIds, evaluationId, title, body, now, ct);
        db.ConsumedMessages.Add(new ConsumedMessage(eventId, consumer, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.ConsumedMessages.AnyAsync(m => m.EventId == eventId && m.Consumer == consumer, ct))
            {
                LogAlreadyDelivered(eventId, consumer); // a concurrent delivery of the same event won
                return;
            }

            throw;
        }

        feed.Raise(userIds);
        await NodeNotifications.TellOthersAsync(db, userIds, ct);
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} was already delivered by {Consumer}; this delivery wrote nothing")]
    private partial void LogAlreadyDelivered(Guid eventId, string consumer);
}
