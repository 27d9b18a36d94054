using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Tests;
using EvalWorkflow.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EvalWorkflow.Web.Tests;

/// <summary>E-mail on the real app, through a real SMTP listener on 127.0.0.1.</summary>
public sealed class EmailTests : IAsyncLifetime
{
    private const string SignatureStage = "待您处理：待单位负责人签字";

    private readonly SmtpListener smtp = new();
    private readonly TestClock clock = new();
    private readonly AppFactory app;

    public EmailTests() => app = new AppFactory(clock: clock, settings: new Dictionary<string, string>
    {
        ["Email:Enabled"] = "true",
        ["Email:SmtpHost"] = "127.0.0.1",
        ["Email:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:PollInterval"] = "00:00:00.100",
        ["Email:DigestHour"] = "8",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>One whole pass of the app's own e-mail dispatcher, run here to its end (beside its polling loop; claims keep them apart).</summary>
    private Task<int> DispatchOnceAsync() =>
        app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<EvalWorkflow.Notifications.Delivery.EmailDispatcher>().Single()
            .SendDueAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task An_SMTP_failure_is_retried_while_the_workflow_goes_on()
    {
        smtp.Failing = true;
        var filer = await app.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.CompleteContentAsync(filer, id);

        // The act succeeds while the mail server refuses: it only writes the mail's row (its speed is no test's business).
        await Api.ActOkAsync(filer, id, "Submit");

        var headId = await UserIdAsync("head1");
        await Api.EventuallyAsync(() => app.WithDbAsync(db => db.EmailMessages.AnyAsync(m => m.UserId == headId && m.Attempts >= 1)),
            "a failed attempt to mail head1");
        var failed = await app.WithDbAsync(db => db.EmailMessages.SingleAsync(m => m.UserId == headId));
        Assert.Null(failed.SentAtUtc);
        Assert.NotNull(failed.LastError);
        Assert.Equal("head1@example.gov.cn", failed.To);
        Assert.Empty(smtp.Received);

        // The workflow goes on: head1 signs while the mail server still fails, and the finance reviewers' mails fail too.
        await Api.ActOkAsync(await app.ClientForAsync("head1"), id, "Sign", password: "Demo#2026");
        Assert.Equal("FinanceReview", (string?)(await Api.EvaluationAsync(filer, id))["stage"]);
        await Api.EventuallyAsync(() => app.WithDbAsync(async db =>
                await db.EmailMessages.CountAsync() == 3 && await db.EmailMessages.AllAsync(m => m.Attempts >= 1 && m.SentAtUtc == null)),
            "failed attempts to mail the reviewers");

        // The server is back; once the back-off has passed, every mail goes out.
        smtp.Failing = false;
        var due = await app.WithDbAsync(db => db.EmailMessages.MaxAsync(m => m.NextAttemptAtUtc));
        clock.Set(new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc)).AddSeconds(1));
        await Api.EventuallyAsync(() => Task.FromResult(smtp.Received.Count == 3), "three mails");

        var toHead = Assert.Single(smtp.Received, m => Recipient(m) == "head1@example.gov.cn");
        Assert.Equal($"{Api.HealthBureau}《{await RoundTitleAsync(filer, id)}》{SignatureStage}", toHead.Subject);
        Assert.Contains("张晓明提交", toHead.TextBody);
        Assert.Equal(["reviewer1@example.gov.cn", "reviewer2@example.gov.cn"],
            smtp.Received.Select(Recipient).Where(to => to.StartsWith("reviewer", StringComparison.Ordinal)).Order());
        await Api.EventuallyAsync(() => app.WithDbAsync(db => db.EmailMessages.AllAsync(m => m.SentAtUtc != null)), "the rows marked sent");
        var sent = await app.WithDbAsync(db => db.EmailMessages.SingleAsync(m => m.UserId == headId));
        Assert.True(sent.Attempts >= 1);
        Assert.Equal(failed.Id, sent.Id);
    }

    [Fact]
    public async Task A_daily_digest_reader_gets_nothing_at_once_and_one_digest_after_the_digest_hour()
    {
        // 10:00 in Beijing today: the digest is due at 08:00 tomorrow.
        var today = DateTime.UtcNow.Date;
        clock.Set(new DateTimeOffset(today.AddHours(2), TimeSpan.Zero));
        var digestAt = new DateTimeOffset(today.AddDays(1), TimeSpan.Zero);

        var head = await app.ClientForAsync("head1");
        var saved = await head.PutAsJsonAsync("/api/me/email-preferences", new { email = "head1@example.gov.cn", mode = "DailyDigest" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var filer = await app.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        await Api.ActOkAsync(filer, id, "Withdraw");
        await Api.ActOkAsync(filer, id, "Submit");

        // filer2 (immediate) hears of the withdrawal at once; head1 (digest) hears nothing yet.
        await Api.EventuallyAsync(() => Task.FromResult(smtp.Received.Any(m => Recipient(m) == "filer2@example.gov.cn")), "filer2's mail");
        var headId = await UserIdAsync("head1");
        await Api.EventuallyAsync(async () => await app.WithDbAsync(db => db.EmailMessages.CountAsync(m => m.UserId == headId)) == 2,
            "head1's two digest rows");
        var rows = await app.WithDbAsync(db => db.EmailMessages.Where(m => m.UserId == headId).ToListAsync());
        Assert.All(rows, r => Assert.True(r.IsDigest));
        Assert.All(rows, r => Assert.Equal(digestAt.UtcDateTime, r.NextAttemptAtUtc));

        // A whole dispatcher pass a minute before the digest hour sends head1 nothing.
        clock.Set(digestAt.AddMinutes(-1));
        await DispatchOnceAsync();
        Assert.DoesNotContain(smtp.Received, m => Recipient(m) == "head1@example.gov.cn");

        clock.Set(digestAt.AddMinutes(1));
        await Api.EventuallyAsync(() => Task.FromResult(smtp.Received.Any(m => Recipient(m) == "head1@example.gov.cn")), "head1's digest");
        await Api.EventuallyAsync(() => app.WithDbAsync(db => db.EmailMessages.Where(m => m.UserId == headId).AllAsync(m => m.SentAtUtc != null)),
            "head1's rows marked sent");
        await DispatchOnceAsync(); // a pass after the rows were marked: the digest does not go twice
        var digest = Assert.Single(smtp.Received, m => Recipient(m) == "head1@example.gov.cn");
        Assert.Equal("绩效自评每日摘要（2 条）", digest.Subject);
        Assert.Equal(2, (digest.TextBody ?? "").Split(SignatureStage).Length - 1);
    }

    [Fact]
    public async Task E_mail_turned_off_through_the_API_writes_no_mail_for_the_next_event()
    {
        smtp.Failing = true;
        var head = await app.ClientForAsync("head1");
        var preferences = (await head.GetFromJsonAsync<JsonObject>("/api/me/email-preferences"))!;
        Assert.Equal("head1@example.gov.cn", (string?)preferences["email"]);
        Assert.Equal("Immediate", (string?)preferences["mode"]);
        Assert.True((bool)preferences["deliveryEnabled"]!);

        var filer = await app.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        var headId = await UserIdAsync("head1");
        await Api.EventuallyAsync(() => app.WithDbAsync(db => db.EmailMessages.AnyAsync(m => m.UserId == headId)), "head1's waiting mail");

        var off = await head.PutAsJsonAsync("/api/me/email-preferences", new { email = "head1@example.gov.cn", mode = "Off" });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Equal("Off", (string?)(await head.GetFromJsonAsync<JsonObject>("/api/me/email-preferences"))!["mode"]);
        Assert.False(await app.WithDbAsync(db => db.EmailMessages.AnyAsync(m => m.UserId == headId)));

        await Api.ActOkAsync(filer, id, "Withdraw");
        await Api.ActOkAsync(filer, id, "Submit");
        await Api.EventuallyAsync(async () => await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == headId)) == 2,
            "head1's second in-app notification");
        Assert.False(await app.WithDbAsync(db => db.EmailMessages.AnyAsync(m => m.UserId == headId)));
        Assert.True(await app.WithDbAsync(db => db.EmailMessages.AnyAsync(m => m.To == "filer2@example.gov.cn")));
    }

    [Theory]
    [InlineData("not-an-address", "Immediate", "邮箱地址格式不正确")]
    [InlineData("王建国 <head1@example.gov.cn>", "Immediate", "邮箱地址格式不正确")]
    [InlineData("head1@localhost", "Immediate", "邮箱地址格式不正确")]
    [InlineData("", "DailyDigest", "请填写邮箱地址，或选择不发邮件")]
    [InlineData("head1@example.gov.cn", null, "请选择邮件提醒方式")]
    public async Task Bad_e_mail_preferences_are_refused_and_change_nothing(string email, string? mode, string reason)
    {
        var head = await app.ClientForAsync("head1");
        var response = await head.PutAsJsonAsync("/api/me/email-preferences", new { email, mode });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, await Api.ProblemDetailAsync(response));
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "head1"));
        Assert.Equal(("head1@example.gov.cn", EmailMode.Immediate), (user.Email, user.EmailMode));
    }

    [Fact]
    public async Task An_address_and_no_mail_can_be_saved_and_an_address_can_be_removed()
    {
        var head = await app.ClientForAsync("head1");
        var changed = await head.PutAsJsonAsync("/api/me/email-preferences", new { email = " wang.jianguo@example.gov.cn ", mode = "DailyDigest" });
        Assert.Equal("wang.jianguo@example.gov.cn", (string?)(await changed.Content.ReadFromJsonAsync<JsonObject>())!["email"]);
        var removed = await head.PutAsJsonAsync("/api/me/email-preferences", new { email = "", mode = "Off" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "head1"));
        Assert.Equal((null, null, EmailMode.Off), (user.Email, user.NormalizedEmail, user.EmailMode));
    }

    [Fact]
    public async Task Without_an_SMTP_server_nothing_is_queued_and_the_settings_page_says_so()
    {
        await using var plain = new AppFactory();
        var filer = await plain.ClientForAsync("filer1");
        var preferences = (await filer.GetFromJsonAsync<JsonObject>("/api/me/email-preferences"))!;
        Assert.Equal("filer1@example.gov.cn", (string?)preferences["email"]);
        Assert.False((bool)preferences["deliveryEnabled"]!);

        var page = await filer.GetStringAsync("/settings");
        Assert.Contains("通知设置", page);
        Assert.Contains("本系统未配置邮件服务器，邮件不会发送", page);

        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        await Api.EventuallyAsync(() => plain.WithDbAsync(db => db.Notifications.AnyAsync()), "the in-app notification");
        Assert.False(await plain.WithDbAsync(db => db.EmailMessages.AnyAsync()));
    }

    private static string Recipient(MimeMessage message) => message.To.Mailboxes.Single().Address;

    private Task<string> UserIdAsync(string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static async Task<string> RoundTitleAsync(HttpClient client, Guid id) =>
        (string)(await Api.EvaluationAsync(client, id))["roundTitle"]!;
}
