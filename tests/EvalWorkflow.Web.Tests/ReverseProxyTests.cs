using System.Net.Http.Json;
using EvalWorkflow.Workflows.Audit;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

/// <summary>Behind a reverse proxy (issue 11): the client's address comes from X-Forwarded-For, but only when a known proxy sent it.</summary>
public sealed class ReverseProxyTests
{
    [Fact]
    public async Task The_audit_log_records_the_forwarded_client_address_from_a_known_proxy_and_HSTS_is_sent_over_forwarded_HTTPS()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"evalworkflow-proxy-{Guid.NewGuid():N}.db");
        var app = await AppProcess.StartAsync(databasePath, new Dictionary<string, string>
        {
            ["Security__ReverseProxy__KnownProxies__0"] = "127.0.0.1",
            ["Security__ReverseProxy__Hsts"] = "true",
        });
        try
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            var viaProxy = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
            {
                Content = JsonContent.Create(new { userName = "filer1", password = "Wrong#2026" }),
                Headers = { { "X-Forwarded-For", "203.0.113.7" }, { "X-Forwarded-Proto", "https" }, { "Host", "jxzp.example.gov.cn" } },
            };
            var answer = await client.SendAsync(viaProxy);
            await client.PostAsJsonAsync("/api/auth/login", new { userName = "filer2", password = "Wrong#2026" });

            Assert.Contains("max-age=31536000", answer.Headers.GetValues("Strict-Transport-Security").Single());
            await using var db = AppProcess.Database(databasePath);
            var addresses = await db.AuditEntries.Where(a => a.Kind == AuditKind.SignInFailed).OrderBy(a => a.Id).Select(a => a.Address).ToListAsync();
            Assert.Equal(["203.0.113.7", "127.0.0.1"], addresses);
        }
        finally
        {
            await app.DisposeAsync();
            AppProcess.DeleteDatabase(databasePath);
        }
    }
}
