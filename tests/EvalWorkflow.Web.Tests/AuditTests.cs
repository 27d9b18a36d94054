using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Setup;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Web.Tests;

/// <summary>The security audit log (issue 11, GB/T 22239 安全审计): one entry per event, listed for the administrator, never changed.</summary>
public sealed class AuditTests
{
    private static async Task<JsonObject> AuditAsync(HttpClient admin, string query = "") =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/admin/audit?pageSize=200{query}"))!;

    private static List<JsonNode> Items(JsonObject page) => [.. page["items"]!.AsArray().Select(i => i!)];

    [Fact]
    public async Task Every_administrative_act_writes_exactly_one_entry_and_the_log_lists_it_by_kind_user_and_day()
    {
        await using var app = new AppFactory();
        var admin = await app.ClientForAsync("admin1");
        var units = await app.WithDbAsync(db => db.BudgetUnits.Where(u => u.ParentUnitId == null).Select(u => u.Id).ToListAsync());
        var created = await admin.PostAsJsonAsync("/api/rounds", new
        {
            title = "2025年度项目支出绩效自评", fiscalYear = 2025, submissionDeadline = "2026-04-30", workflowDefinitionKey = "default", unitIds = units,
        });
        var roundId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.True((await admin.PostAsJsonAsync($"/api/rounds/{roundId}/deadline",
            new { evaluationId = (Guid?)null, newDeadline = "2026-05-29", reason = "统一延期" })).IsSuccessStatusCode);
        var board = (await admin.GetFromJsonAsync<JsonObject>($"/api/rounds/{roundId}"))!;
        var chosen = board["rows"]!["items"]!.AsArray().Take(2).Select(r => Guid.Parse((string)r!["evaluationId"]!)).ToArray();
        Assert.True((await admin.PostAsJsonAsync($"/api/rounds/{roundId}/reminders", new { evaluationIds = chosen, message = "请按时报送" })).IsSuccessStatusCode);

        var id = await Api.ApproveAsync(app, await Api.OverallEvaluationIdAsync(await app.ClientForAsync("filer1")));
        var schedule = await admin.PostAsJsonAsync($"/api/evaluations/{id}/publication-schedule",
            new { version = await Api.VersionAsync(admin, id), publishAtUtc = DateTime.UtcNow.AddDays(3) });
        Assert.True(schedule.IsSuccessStatusCode, await schedule.Content.ReadAsStringAsync());
        await Api.ActOkAsync(admin, id, "Publish");
        Assert.True((await admin.PostAsJsonAsync($"/api/evaluations/{id}/corrections", new { reason = "数据有误" })).IsSuccessStatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CreateAdmin>().HandleAsync("admin9", "Admin#2026x", "示例市财政局");
        }

        (AuditKind Kind, string User, string Subject)[] expected =
        [
            (AuditKind.RoundCreated, "admin1", "评价批次《2025年度项目支出绩效自评》"),
            (AuditKind.DeadlineExtended, "admin1", "评价批次《2025年度项目支出绩效自评》"),
            (AuditKind.UnitsReminded, "admin1", "评价批次《2025年度项目支出绩效自评》"),
            (AuditKind.PublicationScheduled, "admin1", $"评价 {id}"),
            (AuditKind.Published, "admin1", $"评价 {id}"),
            (AuditKind.CorrectionOpened, "admin1", $"评价 {id}"),
            (AuditKind.AccountCreated, "create-admin（命令行）", "admin9"),
        ];
        foreach (var (kind, user, subject) in expected)
        {
            var entry = Assert.Single(Items(await AuditAsync(admin, $"&kind={kind}")));
            Assert.Equal((kind.ToString(), "Succeeded", user, subject), ((string?)entry["kind"], (string?)entry["outcome"], (string?)entry["userName"], (string?)entry["subject"]));
            Assert.Equal(AuditLabels.Of(kind), (string?)entry["kindLabel"]);
        }

        var all = await AuditAsync(admin);
        var times = Items(all).Select(e => (DateTime)e["occurredAtUtc"]!).ToList();
        Assert.Equal(times.OrderDescending(), times); // newest first
        Assert.Contains(Items(all), e => (string?)e["kind"] == "SignedIn" && (string?)e["userName"] == "head1");
        Assert.All(Items(await AuditAsync(admin, "&user=reviewer1")), e => Assert.Equal("reviewer1", (string?)e["userName"]));
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        Assert.Equal((int)all["total"]!, (int)(await AuditAsync(admin, $"&from={today}&to={today}"))["total"]!);
        Assert.Equal(0, (int)(await AuditAsync(admin, "&from=2020-01-01&to=2020-12-31"))["total"]!);
        var paged = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/audit?page=2&pageSize=3"))!;
        Assert.Equal(Items(all).Skip(3).Take(3).Select(e => (long)e["id"]!), Items(paged).Select(e => (long)e["id"]!));

        var badKind = await admin.GetAsync("/api/admin/audit?kind=Hack");
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.StartsWith("未知的审计事件类型「Hack」", await Api.ProblemDetailAsync(badKind));
        Assert.Contains("yyyy-MM-dd", await Api.ProblemDetailAsync(await admin.GetAsync("/api/admin/audit?from=1.12.2026")));
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.ClientForAsync("reviewer1")).GetAsync("/api/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task Another_units_evaluation_and_another_roles_act_are_refused_and_written_with_the_user_and_the_request()
    {
        await using var app = new AppFactory();
        var id = await Api.OverallEvaluationIdAsync(await app.ClientForAsync("filer1"));
        var outsider = await app.ClientForAsync("filer3");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/evaluations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await outsider.PostAsJsonAsync("/api/rounds", new
        {
            title = "越权批次", fiscalYear = 2025, submissionDeadline = "2026-04-30", workflowDefinitionKey = "default", unitIds = Array.Empty<Guid>(),
        })).StatusCode);

        var refused = Items(await AuditAsync(await app.ClientForAsync("admin1"), "&kind=AccessRefused&user=filer3"));
        Assert.Equal([$"POST /api/rounds", $"GET /api/evaluations/{id}"], refused.Select(e => (string?)e["subject"]));
        Assert.All(refused, e => Assert.Equal("Refused", (string?)e["outcome"]));
        Assert.Equal("只有财政管理员可以创建评价批次", (string?)refused[0]["detail"]);
    }

    [Fact]
    public async Task The_database_refuses_to_change_an_entry_or_delete_one_younger_than_180_days_and_retention_removes_only_older_ones()
    {
        await using var app = new AppFactory();
        await app.ClientForAsync("filer1"); // one sign-in: an entry of today
        var old = new AuditEntry(AuditKind.SignedIn, AuditOutcome.Succeeded, new DateTime(2025, 1, 6, 1, 0, 0, DateTimeKind.Utc), null, "filer1", null, null);
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(old);
            return await db.SaveChangesAsync();
        });

        var change = await Assert.ThrowsAsync<SqliteException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE AuditEntries SET Outcome = 'Failed'")));
        Assert.Contains("append-only", change.Message);
        var delete = await Assert.ThrowsAsync<SqliteException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM AuditEntries WHERE UserName = 'filer1'")));
        Assert.Contains("180 days", delete.Message);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AuditRetention>().RunAsync());
        }

        var left = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.UserName == "filer1").ToListAsync());
        Assert.Equal(AuditKind.SignedIn, Assert.Single(left).Kind);
        Assert.True(left[0].OccurredAtUtc > DateTime.UtcNow.AddDays(-1));
    }
}
