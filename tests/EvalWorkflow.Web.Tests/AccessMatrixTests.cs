using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Web.Tests;

/// <summary>
/// The access matrix (issue 11, ASVS 8.2): every API endpoint and page of the app, read from its routing table, asked
/// anonymously, by a filer of another unit, by a person of the wrong role, and (every change) with the owner's cookie from
/// another origin. None may succeed, and afterwards nothing has
/// changed. A new endpoint without its cases here fails the test, so the matrix cannot fall behind the app.
/// </summary>
public sealed class AccessMatrixTests : AppTest
{
    /// <summary>Open to everyone by design.</summary>
    private static readonly HashSet<string> Public =
    [
        "POST /api/auth/login", "GET /api/public/reports", "GET /api/public/reports/options", "GET /api/public/units",
        "GET /api/public/reports/{id:guid}", "GET /api/public/reports/{id:guid}.docx",
        "GET /login", "POST /login", "GET /public", "POST /public", "GET /public/reports/{Id:guid}", "POST /public/reports/{Id:guid}",
        "GET /not-found", "POST /not-found",
        "POST /account/logout", // signing out: harmless for anyone, and a form with an antiforgery token
    ];

    /// <summary>About the signed-in person only (their inbox, their settings, their session): no other unit or role to try.</summary>
    private static readonly HashSet<string> OwnOnly =
    [
        "GET /api/inbox", "GET /api/inbox/todo", "GET /api/inbox/done", "GET /api/inbox/notifications", "POST /api/notifications/read",
        "GET /api/me/email-preferences", "PUT /api/me/email-preferences", "POST /api/auth/logout", "GET /api/auth/session",
        "GET /", "POST /", "GET /settings", "POST /settings",
    ];

    [Fact]
    public async Task No_endpoint_or_page_lets_the_anonymous_another_unit_or_the_wrong_role_in_and_nothing_changes()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");
        var evaluation = await Api.EvaluationAsync(filer, id);
        var roundId = (string)evaluation["roundId"]!;
        var (contentVersion, content) = await Api.ReadContentAsync(filer, id);
        var partId = (string)(await Api.ContentAsync(filer, id))["parts"]!.AsArray()[0]!["id"]!;
        var workbook = await (await filer.GetAsync($"/api/evaluations/{id}/tables.xlsx")).Content.ReadAsByteArrayAsync();
        var before = (Version: (int)evaluation["version"]!, ContentVersion: contentVersion,
            Rounds: await App.WithDbAsync(db => db.Rounds.CountAsync()), Events: await App.WithDbAsync(db => db.EvaluationEvents.CountAsync()));

        string PathOf(string pattern) => pattern
            .Replace("/api/rounds/{id:guid}", $"/api/rounds/{roundId}").Replace("/rounds/{Id:guid}", $"/rounds/{roundId}")
            .Replace("{id:guid}", id.ToString()).Replace("{Id:guid}", id.ToString()).Replace("{partId:guid}", partId)
            .Replace("{act}", "Submit").Replace("{code}", "1").Replace("{userName}", "filer1");
        HttpContent? BodyOf(string route) => route switch
        {
            "PUT /api/evaluations/{id:guid}/content" => JsonContent.Create(new { baseVersion = contentVersion, content }, options: Api.Json),
            "PUT /api/evaluations/{id:guid}/sections/{code}" => JsonContent.Create(new { markdown = "越权写入", baseVersion = contentVersion }),
            "POST /api/evaluations/{id:guid}/sections/draft" => JsonContent.Create(new { baseVersion = contentVersion }),
            "POST /api/evaluations/{id:guid}/tables.xlsx" => new MultipartFormDataContent { { new ByteArrayContent(workbook), "file", "tables.xlsx" } },
            "POST /api/evaluations/{id:guid}/parts/{partId:guid}/assignee" => JsonContent.Create(new { version = contentVersion, filerId = (string?)null }),
            "POST /api/evaluations/{id:guid}/parts/{partId:guid}/ready" => JsonContent.Create(new { version = contentVersion, ready = true }),
            "POST /api/evaluations/{id:guid}/acts/{act}" => JsonContent.Create(new { version = before.Version, password = "Demo#2026", comment = "越权" }),
            "POST /api/evaluations/{id:guid}/publication-schedule" => JsonContent.Create(new { version = before.Version, publishAtUtc = DateTime.UtcNow.AddDays(1) }),
            "POST /api/evaluations/{id:guid}/corrections" => JsonContent.Create(new { reason = "越权更正" }),
            "POST /api/evaluations/{id:guid}/hand-over" => JsonContent.Create(new { version = before.Version, toUserId = "reviewer2", comment = "越权转交" }),
            "POST /api/rounds" => JsonContent.Create(new
            {
                title = "越权批次", fiscalYear = 2025, submissionDeadline = "2026-04-30", workflowDefinitionKey = "default", unitIds = new[] { Guid.NewGuid() },
            }),
            "POST /api/rounds/{id:guid}/reminders" => JsonContent.Create(new { evaluationIds = new[] { id }, message = "越权催报" }),
            "POST /api/rounds/{id:guid}/deadline" => JsonContent.Create(new { evaluationId = (Guid?)null, newDeadline = "2027-01-01", reason = "越权延期" }),
            _ => null,
        };

        // Who else may try each guarded endpoint: a filer of another unit (its evaluation is not theirs), and people whose
        // role does not allow the act (the unit head edits nothing, a filer administers nothing, a reviewer publishes nothing).
        var others = new Dictionary<string, string[]>
        {
            ["GET /api/evaluations/{id:guid}"] = ["filer3"],
            ["GET /api/evaluations/{id:guid}/content"] = ["filer3"],
            ["GET /api/evaluations/{id:guid}/tables.xlsx"] = ["filer3"],
            ["PUT /api/evaluations/{id:guid}/content"] = ["filer3", "head1", "reviewer1"],
            ["PUT /api/evaluations/{id:guid}/sections/{code}"] = ["filer3", "head1", "reviewer1"],
            ["POST /api/evaluations/{id:guid}/sections/draft"] = ["filer3", "head1"],
            ["POST /api/evaluations/{id:guid}/tables.xlsx"] = ["filer3", "head1", "admin1"],
            ["POST /api/evaluations/{id:guid}/parts/{partId:guid}/assignee"] = ["filer3", "head1"],
            ["POST /api/evaluations/{id:guid}/parts/{partId:guid}/ready"] = ["filer3", "head1"],
            ["POST /api/evaluations/{id:guid}/acts/{act}"] = ["filer3", "head1", "reviewer1", "admin1"],
            ["POST /api/evaluations/{id:guid}/publication-schedule"] = ["filer3", "filer1", "reviewer1"],
            ["POST /api/evaluations/{id:guid}/corrections"] = ["filer3", "filer1", "reviewer1"],
            ["POST /api/evaluations/{id:guid}/hand-over"] = ["filer3", "filer1", "head1", "reviewer1", "admin1"],
            ["GET /api/rounds"] = [],
            ["POST /api/rounds"] = ["filer1", "head1", "reviewer1"],
            ["GET /api/rounds/{id:guid}"] = ["filer1", "head1"],
            ["GET /api/rounds/{id:guid}/board.xlsx"] = ["filer1", "head1"],
            ["GET /api/rounds/{id:guid}/reports.zip"] = ["filer1", "reviewer1"],
            ["POST /api/rounds/{id:guid}/reminders"] = ["filer1", "reviewer1"],
            ["POST /api/rounds/{id:guid}/deadline"] = ["filer1", "reviewer1"],
            ["POST /api/admin/history/checks"] = ["filer1", "reviewer1"],
            ["GET /api/admin/history/checks/{id:guid}"] = ["filer1", "reviewer1"],
            ["GET /api/admin/history/checks/latest"] = ["filer1", "reviewer1"],
            ["GET /api/admin/audit"] = ["filer1", "head1", "reviewer1"],
            ["GET /api/admin/accounts/locked"] = ["filer1", "reviewer1"],
            ["POST /api/admin/accounts/{userName}/unlock"] = ["filer1", "head1", "reviewer1"],
            ["GET /rounds"] = ["filer1"],
            ["GET /rounds/{Id:guid}"] = ["filer1"],
            ["GET /admin/history"] = ["filer1", "reviewer1"],
            ["GET /admin/audit"] = ["filer1", "reviewer1"],
            ["GET /evaluations/{Id:guid}"] = ["filer3"],
        };

        var routes = Routes();
        var unknown = routes.Where(r => !Public.Contains(r) && !OwnOnly.Contains(r) && !others.ContainsKey(r) && !IsPageForm(r)).ToList();
        Assert.True(unknown.Count == 0, $"endpoints without access cases: {string.Join(", ", unknown)}");

        var clients = new Dictionary<string, HttpClient>();
        var cases = 0;
        foreach (var route in routes.Where(r => !Public.Contains(r)))
        {
            var method = route[..route.IndexOf(' ')];
            var pattern = route[(method.Length + 1)..];
            if (IsPageForm(route))
            {
                continue; // a page's form post: the page's own GET is in the matrix
            }

            foreach (var user in new string?[] { null }.Concat(others.GetValueOrDefault(route, [])))
            {
                var client = user is null ? await App.ClientForAsync(null) : clients.TryGetValue(user, out var known) ? known : clients[user] = await App.ClientForAsync(user);
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), PathOf(pattern)) { Content = BodyOf(route) });
                cases++;
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var what = $"{route} as {user ?? "anonymous"}: {status} {body[..Math.Min(body.Length, 200)]}";
                if (!pattern.StartsWith("/api", StringComparison.Ordinal))
                {
                    // A page: the anonymous and the wrong role are sent to sign in; another unit's evaluation shows no content.
                    Assert.True(status == 302 || (status == 200 && body.Contains("不存在") && !body.Contains("基本情况")), what);
                    Assert.True(status != 302 || response.Headers.Location!.ToString().Contains("/login"), what);
                }
                else
                {
                    Assert.True(user is null ? status is 401 : status is 403 or 404 or 409, what);
                }
            }
        }

        // The owner's own cookie from a page of another origin (another port, a sibling subdomain): every change refused.
        foreach (var route in routes.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !IsPageForm(r)))
        {
            var method = route[..route.IndexOf(' ')];
            var request = new HttpRequestMessage(new HttpMethod(method), PathOf(route[(method.Length + 1)..])) { Content = BodyOf(route) };
            request.Headers.Add("Origin", "http://127.0.0.1:8103");
            var response = await filer.SendAsync(request);
            cases++;
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route} from another origin: {(int)response.StatusCode}");
        }

        var after = await Api.EvaluationAsync(filer, id);
        Assert.Equal(before.Version, (int)after["version"]!);
        Assert.Equal(before.ContentVersion, (await Api.ReadContentAsync(filer, id)).Version);
        Assert.Equal(before.Rounds, await App.WithDbAsync(db => db.Rounds.CountAsync()));
        Assert.Equal(before.Events, await App.WithDbAsync(db => db.EvaluationEvents.CountAsync()));
        Assert.Equal(129, cases); // the size of the matrix: a new endpoint or a new person tried changes it here, on purpose
    }

    private static bool IsPageForm(string route) => route.StartsWith("POST /", StringComparison.Ordinal)
        && !route.StartsWith("POST /api", StringComparison.Ordinal) && !route.StartsWith("POST /account", StringComparison.Ordinal);

    /// <summary>"METHOD pattern" of every API endpoint and every page (a component endpoint), as routing has them.</summary>
    private List<string> Routes() => App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api", StringComparison.Ordinal) || raw.StartsWith("/account", StringComparison.Ordinal)
            || e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null))
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
        .Select(r => r.EndsWith(' ') ? r + "/" : r)
        .Distinct().Order().ToList();
}
