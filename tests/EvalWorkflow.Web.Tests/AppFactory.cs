using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Setup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Web.Tests;

/// <summary>The real app on a real SQLite file of its own, seeded with the demo data.</summary>
/// <param name="settings">Further configuration, e.g. <c>Email:*</c>.</param>
/// <param name="clock">Replaces the app's <see cref="TimeProvider"/>.</param>
/// <param name="logs">Receives the app's log lines as well.</param>
/// <param name="services">Further services, e.g. an EF Core interceptor that injects a fault.</param>
public sealed class AppFactory(string? databasePath = null, bool dispatch = true,
    IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null, ILoggerProvider? logs = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = databasePath ?? Path.Combine(Path.GetTempPath(), $"evalworkflow-test-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the static web assets (MudBlazor, blazor.web.js) straight from the build output.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Outbox:DispatchEnabled", dispatch ? "true" : "false");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.100");
        // Every test signs in from the same address, many times a minute; SignInTests sets the limit it tests.
        builder.UseSetting("Security:SignIn:PerAddressPerMinute", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        // Recurring jobs follow the wall clock; tests run the jobs' work themselves when they mean to.
        builder.UseSetting("Scheduling:RecurringJobs", "false");
        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }

        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }

    /// <summary>A client with its own cookie jar, signed in as <paramref name="userName"/> (or anonymous when null).</summary>
    public async Task<HttpClient> ClientForAsync(string? userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = ClientOptions.BaseAddress, HandleCookies = true, AllowAutoRedirect = false,
        });
        if (userName is not null)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Demo#2026" });
            response.EnsureSuccessStatusCode();
        }

        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (databasePath is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", ".migrating" })
            {
                File.Delete(DatabasePath + suffix);
            }
        }
    }
}

public static class Api
{
    public const string HealthBureau = "示例市卫生健康局";

    /// <summary>The id of <paramref name="unitName"/>'s evaluation in the demo's overall round, as its filer sees it.</summary>
    public static async Task<Guid> OverallEvaluationIdAsync(HttpClient filer, string unitName = HealthBureau)
    {
        var inbox = await filer.GetFromJsonAsync<JsonObject>("/api/inbox");
        var item = inbox!["todo"]!["items"]!.AsArray().Single(t =>
            (string?)t!["unitName"] == unitName && ((string?)t["roundTitle"])!.Contains("整体"));
        return Guid.Parse((string)item!["evaluationId"]!);
    }

    public static async Task<JsonObject> EvaluationAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/evaluations/{id}"))!;

    public static async Task<int> VersionAsync(HttpClient client, Guid id) => (int)(await EvaluationAsync(client, id))["version"]!;

    public static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string act, int version, string? comment = null, string? password = null,
        IReadOnlyList<ReviewPin>? pins = null) =>
        client.PostAsJsonAsync($"/api/evaluations/{id}/acts/{act}", new { version, comment, password, pins }, Json);

    /// <summary>Acts at the evaluation's current version and insists that it succeeds.</summary>
    public static async Task ActOkAsync(HttpClient client, Guid id, string act, string? comment = null, string? password = null)
    {
        var response = await ActAsync(client, id, act, await VersionAsync(client, id), comment, password);
        Assert.True(response.IsSuccessStatusCode, $"{act}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task SaveSectionAsync(HttpClient filer, Guid id, string code, string markdown)
    {
        var evaluation = await EvaluationAsync(filer, id);
        var section = evaluation["sections"]!.AsArray().Single(s => (string?)s!["code"] == code)!;
        var response = await filer.PutAsJsonAsync($"/api/evaluations/{id}/sections/{code}", new { markdown, baseVersion = (int)section["version"]! });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Makes the evaluation submittable: fills it with the example package when its overall table is still blank
    /// (the demo health bureau's comes filled) and marks every table ready.
    /// </summary>
    public static async Task CompleteContentAsync(HttpClient filer, Guid id)
    {
        var view = await ContentAsync(filer, id);
        var content = view["content"].Deserialize<EvaluationContent>(Json)!;
        if (content.Overall.Indicators.Any(i => i.Name.Length == 0))
        {
            var example = ExampleContent.HealthBureau(content.Sections, content.Overall.Id, Guid.NewGuid());
            var saved = await filer.PutAsJsonAsync($"/api/evaluations/{id}/content",
                new SaveContentRequest((int)view["contentVersion"]!, example), Json);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
            view = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        foreach (var part in view["parts"]!.AsArray())
        {
            var ready = await filer.PostAsJsonAsync($"/api/evaluations/{id}/parts/{part!["id"]}/ready",
                new { version = await VersionAsync(filer, id), ready = true });
            Assert.True(ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Files, signs, approves and publishes the evaluation through the API as the demo's people.</summary>
    public static async Task<Guid> PublishAsync(AppFactory app, Guid id)
    {
        await ApproveAsync(app, id);
        await ActOkAsync(await app.ClientForAsync("admin1"), id, "Publish");
        return id;
    }

    /// <summary>Files, signs and approves the evaluation through the API as the demo's people.</summary>
    public static async Task<Guid> ApproveAsync(AppFactory app, Guid id)
    {
        var filer = await app.ClientForAsync("filer1");
        await CompleteContentAsync(filer, id);
        await ActOkAsync(filer, id, "Submit");
        await ActOkAsync(await app.ClientForAsync("head1"), id, "Sign", password: "Demo#2026");
        var reviewer = await app.ClientForAsync("reviewer1");
        await ActOkAsync(reviewer, id, "Claim");
        await ActOkAsync(reviewer, id, "Approve");
        return id;
    }

    public static async Task<JsonObject> ContentAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/evaluations/{id}/content"))!;

    /// <summary>The content version and the content document, as a client reads them to change and save them.</summary>
    public static async Task<(int Version, EvaluationContent Content)> ReadContentAsync(HttpClient client, Guid id)
    {
        var view = await ContentAsync(client, id);
        return ((int)view["contentVersion"]!, view["content"].Deserialize<EvaluationContent>(Json)!);
    }

    public static Task<HttpResponseMessage> PutContentAsync(HttpClient client, Guid id, int baseVersion, EvaluationContent content) =>
        client.PutAsJsonAsync($"/api/evaluations/{id}/content", new SaveContentRequest(baseVersion, content), Json);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<string?> ProblemDetailAsync(HttpResponseMessage response) =>
        (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())?["detail"];

    /// <summary>Starts a history check as <paramref name="admin"/> and waits (bounded) until it has finished or failed.</summary>
    public static async Task<JsonObject> CheckHistoryAsync(HttpClient admin, TimeSpan? timeout = null)
    {
        var started = await admin.PostAsync("/api/admin/history/checks", null);
        Assert.True(started.StatusCode == System.Net.HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var check = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while ((bool)check["isActive"]!)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for history check {check["id"]}: {check.ToJsonString()}");
            await Task.Delay(100);
            check = (await admin.GetFromJsonAsync<JsonObject>($"/api/admin/history/checks/{check["id"]}"))!;
        }

        return check;
    }

    /// <summary>Waits (bounded, 20 s unless <paramref name="within"/> says more) until <paramref name="condition"/> holds; background delivery is asynchronous.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        for (var i = 0; i < (within ?? TimeSpan.FromSeconds(20)).TotalMilliseconds / 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out waiting for {what}");
    }
}
