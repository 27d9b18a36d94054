using System.Globalization;
using System.Text;
using EvalWorkflow.Workflows.Notifications;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace EvalWorkflow.Notifications.Delivery;

/// <summary>
/// Sends the e-mail rows that are due, every <see cref="EmailOptions.PollInterval"/>: immediate ones one by one, digest
/// ones as one mail per person. A failed send is recorded on its rows and retried with back-off; nothing here ever
/// reaches a workflow act, which only wrote the rows. Registered only when e-mail is enabled.
/// </summary>
public sealed partial class EmailDispatcher(
    IServiceScopeFactory scopes, SmtpMailer mailer, IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailDispatcher> logger)
    : BackgroundService
{
    public const int BatchSize = 50;

    private const string Footer = "——\n此邮件由绩效自评系统自动发送，请勿直接回复。如需更改邮件提醒方式，请登录系统，点击右上角的姓名进入「通知设置」。";

    public static string DigestSubject(int count) => $"绩效自评每日摘要（{count} 条）";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(ex);
                await PauseAsync(options.Value.PollInterval * 4, stoppingToken);
            }
        }
    }

    /// <summary>Sends what is due now.</summary>
    /// <returns>How many mails went out (a digest counts once).</returns>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await ClaimAsync(db, now, ct);
        var immediate = claimed.Where(m => !m.IsDigest).ToList();
        var digest = claimed.Where(m => m.IsDigest).ToList();
        var mails = immediate.Where(m => !m.HasGivenUp).Select(m => (IReadOnlyList<EmailMessage>)[m])
            .Concat(digest.Where(m => !m.HasGivenUp).GroupBy(m => (m.UserId, m.To)).Select(g => (IReadOnlyList<EmailMessage>)[.. g]))
            .ToList();
        if (mails.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        await using var session = mailer.Open();
        foreach (var rows in mails)
        {
            var first = rows[0];
            try
            {
                var message = first.IsDigest
                    ? Compose(first.To, DigestSubject(rows.Count), DigestBody(rows))
                    : Compose(first.To, first.Subject, first.Body);
                await session.SendAsync(message, ct);
                var sentAt = clock.GetUtcNow().UtcDateTime;
                foreach (var row in rows)
                {
                    row.MarkSent(sentAt);
                }

                sent++;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                var failedAt = clock.GetUtcNow().UtcDateTime;
                foreach (var row in rows)
                {
                    row.MarkFailed($"{ex.GetType().Name}: {ex.Message}", failedAt);
                }

                if (first.HasGivenUp)
                {
                    LogGaveUp(ex, first.Id, rows.Count, first.Attempts);
                }
                else
                {
                    LogSendFailed(ex, first.Id, rows.Count, first.Attempts, first.NextAttemptAtUtc);
                }
            }

            // Saved after each mail: a stop mid-batch must not send the ones already out again.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return sent;
    }

    /// <summary>
    /// Claims the due rows for this pass alone: up to a batch of immediate ones and every due digest row (a person's digest
    /// is never split over two passes), with one conditional UPDATE that takes only rows still due and unclaimed (or whose
    /// claim lapsed). With several nodes each mail is sent once; a node that dies holding rows frees them after the lease.
    /// </summary>
    private async Task<List<EmailMessage>> ClaimAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        var due = db.EmailMessages.Where(m => m.SentAtUtc == null && m.Attempts < EmailMessage.MaxAttempts && m.NextAttemptAtUtc <= now
            && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now));
        var candidates = await due.Where(m => !m.IsDigest).OrderBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        candidates.AddRange(await due.Where(m => m.IsDigest).Select(m => m.Id).ToListAsync(ct));
        if (candidates.Count == 0)
        {
            return [];
        }

        var token = Guid.NewGuid();
        var until = now + options.Value.ClaimLease;
        foreach (var chunk in candidates.Chunk(IdChunks.Size)) // every due digest row can be many: one SQL parameter each
        {
            await due.Where(m => chunk.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedUntilUtc, until), ct);
        }

        return await db.EmailMessages.Where(m => m.ClaimToken == token).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private MimeMessage Compose(string to, string subject, string body)
    {
        var email = options.Value;
        var message = new MimeMessage { Date = clock.GetUtcNow() };
        message.From.Add(new MailboxAddress(Encoding.UTF8, email.FromName, email.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Replace(HeaderId.Subject, Encoding.UTF8, subject);
        var text = new TextPart(TextFormat.Plain);
        text.SetText(Encoding.UTF8, $"{body}\n\n{Footer}\n");
        message.Body = text;
        return message;
    }

    private static string DigestBody(IReadOnlyList<EmailMessage> rows)
    {
        var body = new StringBuilder($"您有 {rows.Count} 条新通知：\n");
        foreach (var (row, index) in rows.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).Select((r, i) => (r, i + 1)))
        {
            var at = DateTime.SpecifyKind(row.CreatedAtUtc, DateTimeKind.Utc).AddHours(8); // Asia/Shanghai, as ChinaDate
            body.Append(CultureInfo.InvariantCulture, $"\n{index}. {row.Subject}\n   {row.Body}\n   （{at:yyyy-MM-dd HH:mm}）\n");
        }

        return body.ToString();
    }

    private async Task PauseAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, clock, ct);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends on its own.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail dispatch failed; retrying")]
    private partial void LogDispatchFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "E-mail {EmailMessageId} ({RowCount} notification(s)) failed on attempt {Attempts}; next attempt at {NextAttemptAtUtc:O}")]
    private partial void LogSendFailed(Exception ex, long emailMessageId, int rowCount, int attempts, DateTime nextAttemptAtUtc);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "E-mail {EmailMessageId} ({RowCount} notification(s)) failed {Attempts} times; giving up")]
    private partial void LogGaveUp(Exception ex, long emailMessageId, int rowCount, int attempts);
}
