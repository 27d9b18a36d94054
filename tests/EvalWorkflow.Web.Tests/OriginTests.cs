using System.Net;
using System.Net.Http.Json;
using EvalWorkflow.Web.Hosting;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Web.Tests;

/// <summary>A page on another origin — another port of the same host, a sibling subdomain — can send the user's cookie, not act with it.</summary>
public sealed class OriginTests : AppTest
{
    private const string Evil = "http://127.0.0.1:8103";

    [Theory]
    [InlineData(Evil, null)]
    [InlineData("http://evil.example", null)]
    [InlineData("null", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    public async Task A_change_from_another_origin_is_refused_and_changes_nothing(string? origin, string? fetchSite)
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");
        await Api.CompleteContentAsync(filer, id);
        var version = await Api.VersionAsync(filer, id);
        var unread = await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.ReadAtUtc == null));

        var requests = new[]
        {
            Request(HttpMethod.Post, $"/api/evaluations/{id}/acts/Submit", origin, fetchSite, JsonContent.Create(new { version })),
            Request(HttpMethod.Post, "/api/notifications/read", origin, fetchSite),
            Request(HttpMethod.Post, $"/api/evaluations/{id}/tables.xlsx", origin, fetchSite, new MultipartFormDataContent()),
            Request(HttpMethod.Post, "/api/auth/logout", origin, fetchSite),
            Request(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1", origin, fetchSite),
            Request(HttpMethod.Get, "/_blazor?id=anything", origin, fetchSite),
        };
        foreach (var request in requests)
        {
            var response = await filer.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}");
            Assert.Contains("已拒绝", await Api.ProblemDetailAsync(response));
        }

        Assert.Equal(version, await Api.VersionAsync(filer, id)); // still signed in, nothing submitted
        Assert.Equal(unread, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.ReadAtUtc == null)));
    }

    [Fact]
    public async Task The_apps_own_pages_and_clients_without_a_browser_origin_may_change_things()
    {
        var filer = await App.ClientForAsync("filer1");
        var own = App.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);

        var read = await filer.SendAsync(Request(HttpMethod.Post, "/api/notifications/read", own, "same-origin"));
        var negotiate = await filer.SendAsync(Request(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1", own, "same-origin"));
        var script = await filer.SendAsync(Request(HttpMethod.Post, "/api/notifications/read", null, null));

        Assert.True(read.IsSuccessStatusCode, $"{(int)read.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        Assert.True(script.IsSuccessStatusCode, $"{(int)script.StatusCode}");
    }

    [Fact]
    public async Task An_origin_named_in_the_settings_is_accepted_too()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string> { ["Security:AllowedOrigins:0"] = "https://jxzp.example.gov.cn" });
        var filer = await app.ClientForAsync("filer1");

        var response = await filer.SendAsync(Request(HttpMethod.Post, "/api/notifications/read", "https://jxzp.example.gov.cn", "same-origin"));

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal(["https://jxzp.example.gov.cn"], app.Services.GetRequiredService<IOptions<SameOriginOptions>>().Value.AllowedOrigins);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/public")]
    [InlineData("/api/public/reports")]
    public async Task Every_response_says_nosniff_same_origin_referrer_and_no_foreign_frames(string path)
    {
        var response = await (await App.ClientForAsync(null)).GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Pages_run_only_the_apps_own_scripts_and_the_import_map_carries_this_responses_nonce()
    {
        var client = await App.ClientForAsync(null);
        var first = await client.GetAsync("/login");
        var second = await client.GetAsync("/login");

        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "script-src 'self' 'nonce-([0-9A-F]{32})';").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.DoesNotContain("unsafe", policy);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html);
        // Every other script is a file of the app's own; no inline handler anywhere.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*type=\"importmap\")[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.Matches("src=\"_(framework|content)/|src=\"js/", script));
        Assert.DoesNotMatch(" on[a-z]+=", html);
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single()); // a new nonce per response
    }

    [Fact]
    public async Task A_real_WebSocket_handshake_to_the_circuit_from_another_origin_is_refused()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"evalworkflow-ws-{Guid.NewGuid():N}.db");
        var app = await AppProcess.StartAsync(databasePath);
        try
        {
            async Task<HttpStatusCode> HandshakeAsync(string origin)
            {
                using var socket = new System.Net.WebSockets.ClientWebSocket();
                socket.Options.CollectHttpResponseDetails = true;
                socket.Options.SetRequestHeader("Origin", origin);
                var uri = new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = "/_blazor", Query = "id=unknown-connection" }.Uri;
                await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
                return socket.HttpStatusCode;
            }

            Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(Evil));
            Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync("null"));
            // From the app's own origin the upgrade reaches SignalR, which knows no such connection: refused for that reason only.
            Assert.NotEqual(HttpStatusCode.Forbidden, await HandshakeAsync(app.BaseAddress.GetLeftPart(UriPartial.Authority)));
        }
        finally
        {
            await app.DisposeAsync();
            AppProcess.DeleteDatabase(databasePath);
        }
    }

    [Fact]
    public void MassTransit_sends_no_usage_telemetry()
    {
        Assert.False(App.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? origin, string? fetchSite, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }
}
