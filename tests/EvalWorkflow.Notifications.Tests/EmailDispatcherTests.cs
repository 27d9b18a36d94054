using System.Text;
using EvalWorkflow.Notifications.Delivery;
using EvalWorkflow.Notifications.InApp;
using EvalWorkflow.Tests;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Notifications;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace EvalWorkflow.Notifications.Tests;

/// <summary>The e-mail dispatcher against a real SQLite file and a real SMTP listener, one poll at a time on a fake clock.</summary>
public sealed class EmailDispatcherTests : IAsyncLifetime
{
    // 10:00 in Beijing; the digest goes out at 08:00 the next morning.
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"evalworkflow-email-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider clock = new(Start);
    private readonly SmtpListener smtp = new();
    private ServiceProvider services = null!;
    private EmailDispatcher dispatcher = null!;

    public async Task InitializeAsync()
    {
        var email = new EmailOptions { Enabled = true, SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, DigestHour = 8 };
        services = new ServiceCollection()
            .AddDbContext<AppDbContext>(o => o.UseSqlite($"Data Source={databasePath}"))
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(Options.Create(email))
            .AddSingleton<NotificationFeed>()
            .AddScoped<NotificationWriter>()
            .AddSingleton<SmtpMailer>()
            .BuildServiceProvider(true);
        dispatcher = new EmailDispatcher(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<SmtpMailer>(),
            Options.Create(email), clock, NullLogger<EmailDispatcher>.Instance);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        AddUser(db, "now", EmailMode.Immediate);
        AddUser(db, "digest", EmailMode.DailyDigest);
        AddUser(db, "digest2", EmailMode.DailyDigest);
        AddUser(db, "off", EmailMode.Off);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(databasePath);
    }

    [Fact]
    public async Task Immediate_mails_go_out_one_by_one_and_digests_once_per_person_at_the_digest_hour()
    {
        await NotifyAsync(["now", "digest", "digest2", "off"], "示例市卫生健康局《2025年度部门整体支出绩效自评》待您处理：待单位负责人签字", "张晓明提交");
        clock.Advance(TimeSpan.FromHours(3));
        await NotifyAsync(["now", "digest"], "示例市卫生健康局《2025年度部门整体支出绩效自评》已被退回", "王建国退回");

        Assert.Equal(2, await dispatcher.SendDueAsync(default));
        Assert.Collection(smtp.Received,
            m => Assert.EndsWith("待您处理：待单位负责人签字", m.Subject),
            m => Assert.EndsWith("已被退回", m.Subject));
        Assert.All(smtp.Received, m => Assert.Equal("now@example.gov.cn", m.To.Mailboxes.Single().Address));
        Assert.Contains("张晓明提交", smtp.Received[0].TextBody);
        Assert.Equal(0, await RowsAsync(m => m.UserId == "off"));

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 23, 59, 0, TimeSpan.Zero)); // 07:59 the next morning in Beijing
        Assert.Equal(0, await dispatcher.SendDueAsync(default));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await dispatcher.SendDueAsync(default));
        var digests = smtp.Received.Skip(2).ToList();
        var digest = digests.Single(m => m.To.Mailboxes.Single().Address == "digest@example.gov.cn");
        Assert.Equal("绩效自评每日摘要（2 条）", digest.Subject);
        var text = digest.TextBody ?? "";
        Assert.Contains("待单位负责人签字", text);
        Assert.Contains("王建国退回", text);
        Assert.True(text.IndexOf("张晓明提交", StringComparison.Ordinal) < text.IndexOf("王建国退回", StringComparison.Ordinal));
        Assert.Equal("绩效自评每日摘要（1 条）", digests.Single(m => m.To.Mailboxes.Single().Address == "digest2@example.gov.cn").Subject);
        Assert.Equal(0, await RowsAsync(m => m.SentAtUtc == null));

        Assert.Equal(0, await dispatcher.SendDueAsync(default));
        Assert.Equal(4, smtp.Received.Count);
    }

    [Fact]
    public async Task A_failed_send_waits_out_its_back_off_and_is_given_up_after_the_last_attempt()
    {
        smtp.Failing = true;
        await NotifyAsync(["now"], "示例市教育局《2025年度部门整体支出绩效自评》待您处理", "孙丽提交");

        Assert.Equal(0, await dispatcher.SendDueAsync(default));
        var row = await SingleRowAsync();
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.LastError);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(30), row.NextAttemptAtUtc);

        // Not again before the back-off is over.
        Assert.Equal(0, await dispatcher.SendDueAsync(default));
        Assert.Equal(1, smtp.Refused);

        for (var attempt = 2; attempt <= EmailMessage.MaxAttempts; attempt++)
        {
            clock.SetUtcNow((await SingleRowAsync()).NextAttemptAtUtc);
            Assert.Equal(0, await dispatcher.SendDueAsync(default));
            Assert.Equal(attempt, smtp.Refused);
        }

        row = await SingleRowAsync();
        Assert.True(row.HasGivenUp);
        smtp.Failing = false;
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await dispatcher.SendDueAsync(default));
        Assert.Empty(smtp.Received);
        Assert.Equal(EmailMessage.MaxAttempts, (await SingleRowAsync()).Attempts);
    }

    [Fact]
    public async Task A_mail_that_failed_goes_out_once_the_server_is_back()
    {
        smtp.Failing = true;
        await NotifyAsync(["now"], "示例市教育局《2025年度部门整体支出绩效自评》待您处理", "孙丽提交");
        await dispatcher.SendDueAsync(default);

        smtp.Failing = false;
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await dispatcher.SendDueAsync(default));

        var row = await SingleRowAsync();
        Assert.Equal(1, row.Attempts);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, row.SentAtUtc);
        var mail = Assert.Single(smtp.Received);
        Assert.Equal("示例市教育局《2025年度部门整体支出绩效自评》待您处理", mail.Subject);
        Assert.StartsWith(" =?utf-8?", Encoding.ASCII.GetString(mail.Headers.First(h => h.Id == HeaderId.Subject).RawValue),
            StringComparison.OrdinalIgnoreCase);
        Assert.Equal("utf-8", Assert.IsType<TextPart>(mail.Body).ContentType.Charset, ignoreCase: true);
        Assert.Equal("绩效自评系统", mail.From.Mailboxes.Single().Name);
    }

    private async Task NotifyAsync(string[] userIds, string title, string body)
    {
        await using var scope = services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<NotificationWriter>();
        await writer.AddAsync(Guid.NewGuid(), userIds, null, title, body, clock.GetUtcNow().UtcDateTime, default);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
    }

    private async Task<int> RowsAsync(System.Linq.Expressions.Expression<Func<EmailMessage, bool>> where)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().EmailMessages.CountAsync(where);
    }

    private async Task<EmailMessage> SingleRowAsync()
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().EmailMessages.SingleAsync();
    }

    private static void AddUser(AppDbContext db, string id, EmailMode mode) =>
        db.Users.Add(new AppUser
        {
            Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), DisplayName = id,
            Email = $"{id}@example.gov.cn", EmailMode = mode,
        });
}
