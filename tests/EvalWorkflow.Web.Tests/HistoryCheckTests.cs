using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

public sealed class HistoryCheckTests : AppTest
{
    [Fact]
    public async Task A_check_over_more_than_40000_evaluations_completes_and_finds_the_tampered_row_at_its_position()
    {
        var id = await SignedEvaluationAsync();
        await SeedEvaluationsLikeAsync(id, 40_500);
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE EvaluationEvents SET Comment = '改过' WHERE EvaluationId = {0} AND Sequence = 2", id));
        var (evaluations, rows) = await App.WithDbAsync(async db => (
            await db.Evaluations.CountAsync(),
            await db.EvaluationEvents.CountAsync()));

        var result = await Api.CheckHistoryAsync(await App.ClientForAsync("admin1"), TimeSpan.FromMinutes(3));

        Assert.Equal("Finished", (string?)result["status"]);
        Assert.True(evaluations > 40_000);
        Assert.Equal(evaluations, (int)result["evaluationsTotal"]!);
        Assert.Equal(evaluations, (int)result["evaluationsChecked"]!);
        Assert.Equal(rows, (int)result["rowsChecked"]!);
        Assert.Equal(1, (int)result["brokenCount"]!);
        var broken = Assert.Single(result["firstBroken"]!.AsArray())!;
        Assert.Equal(id.ToString(), (string?)broken["evaluationId"]);
        Assert.Equal(2, (int)broken["sequence"]!);
        Assert.Equal(Api.HealthBureau, (string?)broken["unitName"]);
        Assert.Contains("写入后被改动", (string?)broken["reason"]);
    }

    [Fact]
    public async Task Only_the_finance_administrator_may_start_or_read_a_check()
    {
        foreach (var userName in new[] { "filer1", "reviewer1" })
        {
            var other = await App.ClientForAsync(userName);
            var start = await other.PostAsync("/api/admin/history/checks", null);
            Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
            Assert.Contains("只有财政管理员", await Api.ProblemDetailAsync(start));
            Assert.Equal(HttpStatusCode.Conflict, (await other.GetAsync("/api/admin/history/checks/latest")).StatusCode);
        }

        var check = await Api.CheckHistoryAsync(await App.ClientForAsync("admin1"));
        var filer = await App.ClientForAsync("filer1");
        Assert.Equal(HttpStatusCode.Conflict, (await filer.GetAsync($"/api/admin/history/checks/{check["id"]}")).StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.HistoryChecks.CountAsync())); // the refused started nothing
    }

    [Fact]
    public async Task A_second_start_while_one_runs_returns_the_running_one()
    {
        var running = await InsertActiveCheckAsync(lastProgress: DateTime.UtcNow);
        var admin = await App.ClientForAsync("admin1");

        var again = await admin.PostAsync("/api/admin/history/checks", null);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var check = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(running.ToString(), (string?)check["id"]);
        Assert.Equal("Running", (string?)check["status"]);
        Assert.Equal("进行中", (string?)check["statusText"]);
        Assert.Equal(1, await App.WithDbAsync(db => db.HistoryChecks.CountAsync()));
    }

    [Fact]
    public async Task A_check_that_stopped_reporting_no_longer_blocks_a_new_one()
    {
        var lost = await InsertActiveCheckAsync(lastProgress: DateTime.UtcNow.AddMinutes(-10));

        var check = await Api.CheckHistoryAsync(await App.ClientForAsync("admin1"));

        Assert.NotEqual(lost.ToString(), (string?)check["id"]);
        Assert.True((bool)check["holds"]!);
        var old = await App.WithDbAsync(db => db.HistoryChecks.SingleAsync(c => c.Id == lost));
        Assert.Equal(HistoryCheckStatus.Failed, old.Status);
        Assert.Contains("中断", old.FailureReason);
    }

    [Fact]
    public async Task The_latest_check_is_not_found_before_the_first_and_then_is_the_last_one_run()
    {
        var admin = await App.ClientForAsync("admin1");
        var none = await admin.GetAsync("/api/admin/history/checks/latest");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("尚未校验", await Api.ProblemDetailAsync(none));

        var check = await Api.CheckHistoryAsync(admin);

        var latest = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/history/checks/latest"))!;
        Assert.Equal((string?)check["id"], (string?)latest["id"]);
        Assert.Equal("周涛", (string?)latest["requestedByName"]);
        Assert.Equal("已完成", (string?)latest["statusText"]);
        Assert.True((int)latest["evaluationsChecked"]! > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/history/checks/{Guid.NewGuid()}")).StatusCode);
    }

    /// <summary>
    /// Copies <paramref name="like"/>'s evaluation row <paramref name="count"/> times (new id, later revision) in one
    /// statement: tens of thousands of evaluations of the same bureau without history, in a second.
    /// </summary>
    private Task SeedEvaluationsLikeAsync(Guid like, int count) => App.WithDbAsync(async db =>
    {
        var columns = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('Evaluations')").ToListAsync();
        // EF Core stores a Guid as upper-case text with dashes; the copies' ids must sort the same way.
        const string newId = "substr(g.h, 1, 8) || '-' || substr(g.h, 9, 4) || '-' || substr(g.h, 13, 4) || '-' || substr(g.h, 17, 4) || '-' || substr(g.h, 21, 12)";
        var values = columns.Select(c => c switch
        {
            "Id" => newId,
            "Revision" => "e.\"Revision\" + g.i",
            _ => $"e.\"{c}\"",
        });
        var sql = $$"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{count}})
            INSERT INTO Evaluations ({{string.Join(", ", columns.Select(c => $"\"{c}\""))}})
            SELECT {{string.Join(", ", values)}}
            FROM (SELECT i, hex(randomblob(16)) AS h FROM n) AS g, Evaluations AS e
            WHERE e.Id = {0}
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, like);
    });

    /// <summary>A check of admin1's bureau that claims to be running, as a job on another instance would leave it.</summary>
    private Task<Guid> InsertActiveCheckAsync(DateTime lastProgress) => App.WithDbAsync(async db =>
    {
        var id = Guid.NewGuid();
        var admin = await db.Users.SingleAsync(u => u.UserName == "admin1");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO HistoryChecks (Id, FinanceBureauId, RequestedById, RequestedByName, RequestedAtUtc, StartedAtUtc, ProgressAtUtc,
                Status, EvaluationsTotal, EvaluationsChecked, RowsChecked, BrokenCount)
            VALUES ({0}, {1}, {2}, {3}, {4}, {4}, {4}, 'Running', 10, 3, 12, 0)
            """, id, admin.FinanceBureauId!, admin.Id, admin.DisplayName, lastProgress);
        return id;
    });
}
