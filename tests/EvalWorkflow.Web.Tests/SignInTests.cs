using System.Net;
using System.Net.Http.Json;
using EvalWorkflow.Workflows.Tests.Persistence;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Web.Tests;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly ListLogger logs = new();
    private AppFactory app = null!;

    public Task InitializeAsync()
    {
        app = new AppFactory(logs: logs);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_works_after_it()
    {
        var filer = app.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        var login = await filer.PostAsJsonAsync("/api/auth/login", new { userName = "filer1", password = "Demo#2026" });
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        HttpRequestMessage WithCookie(HttpMethod method, string path) => new(method, path) { Headers = { { "Cookie", cookie } } };
        Assert.Equal(HttpStatusCode.OK, (await filer.SendAsync(WithCookie(HttpMethod.Get, "/api/inbox"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await filer.SendAsync(WithCookie(HttpMethod.Post, "/api/auth/logout"))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await filer.SendAsync(WithCookie(HttpMethod.Get, "/api/inbox"))).StatusCode);
    }

    [Fact]
    public async Task Failed_sign_ins_and_lockouts_are_logged_with_the_name_and_an_unknown_name_is_answered_alike()
    {
        var client = await app.ClientForAsync(null);
        async Task<(HttpStatusCode, string?)> LoginAsync(string userName, string password)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
            return (response.StatusCode, await Api.ProblemDetailAsync(response));
        }

        var unknown = await LoginAsync("nobody", "Wrong#2026");
        var wrong = await LoginAsync("filer2", "Wrong#2026");
        for (var i = 0; i < 4; i++)
        {
            await LoginAsync("filer2", "Wrong#2026");
        }

        var locked = await LoginAsync("filer2", "Demo#2026");

        Assert.Equal(unknown, wrong); // the same answer: the name's existence is not told
        Assert.Equal(HttpStatusCode.Locked, locked.Item1);
        Assert.True(logs.Has(LogLevel.Warning, "Sign-in failed for 'nobody'"), string.Join('\n', logs.Lines.Select(l => l.Message)));
        Assert.True(logs.Has(LogLevel.Warning, "Sign-in failed for 'filer2'"));
        Assert.True(logs.Has(LogLevel.Warning, "Sign-in refused for 'filer2'"));
    }
}
