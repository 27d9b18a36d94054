using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using EvalWorkflow.Workflows.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Web.Tests;

/// <summary>Sign-in's defences (issue 11): the same answer for unknown names, delays per name and address, a lockout the administrator lifts, 429s.</summary>
public sealed class SignInTests
{
    private static async Task<(HttpStatusCode Status, string? Detail)> LoginAsync(HttpClient client, string userName, string password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        return (response.StatusCode, response.Content.Headers.ContentLength == 0 ? null : await Api.ProblemDetailAsync(response));
    }

    private static Task<List<AuditEntry>> EntriesAsync(AppFactory app, string userName) =>
        app.WithDbAsync(db => db.AuditEntries.Where(a => a.UserName == userName).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_works_after_it()
    {
        await using var app = new AppFactory();
        var filer = app.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        var login = await filer.PostAsJsonAsync("/api/auth/login", new { userName = "filer1", password = "Demo#2026" });
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        HttpRequestMessage WithCookie(HttpMethod method, string path) => new(method, path) { Headers = { { "Cookie", cookie } } };
        Assert.Equal(HttpStatusCode.OK, (await filer.SendAsync(WithCookie(HttpMethod.Get, "/api/inbox"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await filer.SendAsync(WithCookie(HttpMethod.Post, "/api/auth/logout"))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await filer.SendAsync(WithCookie(HttpMethod.Get, "/api/inbox"))).StatusCode);
        Assert.Equal([AuditKind.SignedIn, AuditKind.SignedOut], (await EntriesAsync(app, "filer1")).Select(a => a.Kind));
    }

    [Fact]
    public async Task An_unknown_name_is_answered_like_a_wrong_password_and_a_name_that_keeps_failing_from_one_address_must_wait()
    {
        var logs = new ListLogger();
        // The first wait is a minute, so that the test's next try surely falls within it however slow the machine.
        await using var app = new AppFactory(logs: logs, settings: new Dictionary<string, string> { ["Security:SignIn:FirstDelay"] = "00:01:00" });
        var client = await app.ClientForAsync(null);

        var unknown = await LoginAsync(client, "nobody", "Wrong#2026");
        var wrong = await LoginAsync(client, "filer2", "Wrong#2026");
        await LoginAsync(client, "filer2", "Wrong#2026");
        await LoginAsync(client, "filer2", "Wrong#2026");
        var waiting = await client.PostAsJsonAsync("/api/auth/login", new { userName = "filer2", password = "Demo#2026" });

        Assert.Equal(unknown, wrong); // the same answer: the name's existence is not told
        Assert.Equal((HttpStatusCode.Unauthorized, "用户名或密码错误"), wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        Assert.Matches("登录失败次数过多，请 \\d+ 秒后再试", await Api.ProblemDetailAsync(waiting));
        Assert.InRange(int.Parse(waiting.Headers.GetValues("Retry-After").Single()), 1, 60);
        // Even the right password is not checked while the name waits; another name from the same address is not slowed.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { userName = "filer1", password = "Demo#2026" })).StatusCode);

        Assert.Equal([AuditKind.SignInFailed, AuditKind.SignInFailed, AuditKind.SignInFailed, AuditKind.SignInThrottled],
            (await EntriesAsync(app, "filer2")).Select(a => a.Kind));
        var nobody = Assert.Single(await EntriesAsync(app, "nobody"));
        Assert.Equal((AuditKind.SignInFailed, AuditOutcome.Failed, (string?)null, (Guid?)null), (nobody.Kind, nobody.Outcome, nobody.UserId, nobody.FinanceBureauId));
        Assert.True(logs.Has(LogLevel.Warning, "Sign-in failed for 'nobody'"), string.Join('\n', logs.Lines.Select(l => l.Message)));
        Assert.True(logs.Has(LogLevel.Warning, "Sign-in failed for 'filer2'"));
        Assert.True(logs.Has(LogLevel.Warning, "Sign-in refused for 'filer2'"));
    }

    [Fact]
    public async Task An_unknown_name_costs_one_password_hash_check_like_a_known_one()
    {
        var hasher = new CountingHasher();
        await using var app = new AppFactory(services: services => services.AddSingleton<IPasswordHasher<AppUser>>(hasher));
        var client = await app.ClientForAsync(null);

        await LoginAsync(client, "filer1", "Wrong#2026");
        var known = hasher.Verified;
        await LoginAsync(client, "nobody-at-all", "Wrong#2026");

        Assert.Equal((1, 1), (known, hasher.Verified - known)); // the same work, so the same time (up to noise)
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> inner = new();
        private int verified;

        public int Verified => verified;

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verified);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Ten_failures_lock_the_account_and_the_finance_administrator_lifts_the_lock()
    {
        // No per-address delay here: the lockout itself is under test.
        await using var app = new AppFactory(settings: new Dictionary<string, string> { ["Security:SignIn:FreeTries"] = "100" });
        var stranger = await app.ClientForAsync(null);
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(stranger, "filer2", "Wrong#2026")).Status);
        }

        Assert.Equal(HttpStatusCode.Locked, (await LoginAsync(stranger, "filer2", "Wrong#2026")).Status); // the tenth locks
        var locked = await LoginAsync(stranger, "filer2", "Demo#2026");
        Assert.Equal(HttpStatusCode.Locked, locked.Status);
        Assert.Contains("财政管理员解除锁定", locked.Detail);

        var admin = await app.ClientForAsync("admin1");
        var list = await admin.GetFromJsonAsync<JsonObject>("/api/admin/accounts/locked");
        Assert.Equal(["filer2"], list!["items"]!.AsArray().Select(a => (string?)a!["userName"]));
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.ClientForAsync("filer1")).PostAsync("/api/admin/accounts/filer2/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/admin/accounts/filer2/unlock", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(await app.ClientForAsync(null), "filer2", "Demo#2026")).Status);
        Assert.Equal(0, (int)(await admin.GetFromJsonAsync<JsonObject>("/api/admin/accounts/locked"))!["total"]!);
        var kinds = (await EntriesAsync(app, "filer2")).Select(a => a.Kind).ToList();
        Assert.Equal(9, kinds.Count(k => k == AuditKind.SignInFailed));
        Assert.Equal(2, kinds.Count(k => k == AuditKind.LockedOut)); // the tenth failure and the right password while locked
        Assert.Equal(AuditKind.SignedIn, kinds[^1]);
        var unlock = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Kind == AuditKind.AccountUnlocked).ToListAsync()));
        Assert.Equal(("admin1", "filer2", "解除登录锁定"), (unlock.UserName, unlock.Subject, unlock.Detail));
    }

    [Fact]
    public async Task One_address_gets_a_429_in_Chinese_past_its_sign_ins_per_minute_whatever_the_names()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string> { ["Security:SignIn:PerAddressPerMinute"] = "5" });
        var client = await app.ClientForAsync(null);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, $"guess{i}", "Wrong#2026")).Status);
        }

        var over = await client.PostAsJsonAsync("/api/auth/login", new { userName = "filer1", password = "Demo#2026" });
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal("登录请求过于频繁，请一分钟后再试", await Api.ProblemDetailAsync(over));
        Assert.Equal("60", over.Headers.GetValues("Retry-After").Single());
        Assert.Empty(await EntriesAsync(app, "filer1")); // refused before any password was checked
    }

    [Fact]
    public async Task The_login_form_counts_against_the_same_limit_and_answers_a_page_in_Chinese()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string> { ["Security:SignIn:PerAddressPerMinute"] = "2" });
        var browser = await app.ClientForAsync(null);
        async Task<HttpResponseMessage> PostFormAsync()
        {
            var page = await (await browser.GetAsync("/login")).Content.ReadAsStringAsync();
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            return await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.UserName"] = "filer1", ["Input.Password"] = "Wrong#2026",
            }));
        }

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync()).StatusCode); // the page again, with 用户名或密码错误
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync()).StatusCode);
        var over = await PostFormAsync();

        Assert.True(over.StatusCode == HttpStatusCode.TooManyRequests, $"{(await EntriesAsync(app, "filer1")).Count} entries; {await over.Content.ReadAsStringAsync()}");
        Assert.Contains("登录请求过于频繁，请一分钟后再试", await over.Content.ReadAsStringAsync());
        Assert.Equal(2, (await EntriesAsync(app, "filer1")).Count(a => a.Kind == AuditKind.SignInFailed));
    }

    [Fact]
    public async Task Wrong_signing_passwords_pause_signing_but_never_lock_sign_in()
    {
        await using var app = new AppFactory();
        var filer = await app.ClientForAsync("filer1");
        var head = await app.ClientForAsync("head1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        var version = await Api.VersionAsync(head, id);

        for (var i = 0; i < 4; i++)
        {
            Assert.Contains("密码不正确", await Api.ProblemDetailAsync(await Api.ActAsync(head, id, "Sign", version, password: "Wrong#2026")));
        }

        Assert.Contains("签字已暂停 15 分钟", await Api.ProblemDetailAsync(await Api.ActAsync(head, id, "Sign", version, password: "Wrong#2026")));
        Assert.Contains("签字已暂停至", await Api.ProblemDetailAsync(await Api.ActAsync(head, id, "Sign", version, password: "Demo#2026")));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(await app.ClientForAsync(null), "head1", "Demo#2026")).Status);

        var admin = await app.ClientForAsync("admin1");
        var locked = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/accounts/locked"))!["items"]!.AsArray().Single()!;
        Assert.Equal(("head1", true, false), ((string?)locked["userName"], locked["signingPausedUntilUtc"] is not null, locked["signInLockedUntilUtc"] is not null));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/admin/accounts/head1/unlock", null)).StatusCode);
        Assert.True((await Api.ActAsync(head, id, "Sign", version, password: "Demo#2026")).IsSuccessStatusCode);

        var kinds = (await EntriesAsync(app, "head1")).Select(a => a.Kind).Where(k => k is AuditKind.SigningFailed or AuditKind.SigningLockedOut).ToList();
        Assert.Equal([.. Enumerable.Repeat(AuditKind.SigningFailed, 4), AuditKind.SigningLockedOut], kinds);
    }
}
