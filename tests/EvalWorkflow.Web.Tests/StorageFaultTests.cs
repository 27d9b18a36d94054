using System.Data.Common;
using System.Net;
using EvalWorkflow.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Web.Tests;

/// <summary>
/// Writes that fail for other reasons than a lost race. A full disk, as SQLite meets it: SQLITE_FULL from a database that
/// may not grow (<c>PRAGMA max_page_count</c> at its current size, on every connection the app opens). Mounting a small
/// tmpfs needs root; this is the same error, for real.
/// </summary>
public sealed class StorageFaultTests
{
    [Fact]
    public async Task A_failed_save_that_is_no_race_is_a_real_error_not_a_stale_refusal()
    {
        await using var app = new AppFactory();
        var filer = await app.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");
        await Api.CompleteContentAsync(filer, id);
        var version = await Api.VersionAsync(filer, id);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER broken_outbox BEFORE INSERT ON OutboxMessages BEGIN SELECT RAISE(ABORT, 'a bug, not a race'); END"));

        var submit = await Api.ActAsync(filer, id, "Submit", version);

        Assert.Equal(HttpStatusCode.InternalServerError, submit.StatusCode);
        Assert.DoesNotContain("已被他人处理", await submit.Content.ReadAsStringAsync());
        Assert.Equal(version, await Api.VersionAsync(filer, id)); // rolled back whole
        Assert.Equal(0, await app.WithDbAsync(db => db.EvaluationEvents.CountAsync(h => h.EvaluationId == id && h.Act == WorkflowAct.Submit)));
    }

    [Fact]
    public async Task A_write_on_a_full_disk_is_a_503_in_chinese_health_is_unhealthy_and_nothing_is_half_written()
    {
        var disk = new FullDisk();
        await using var app = new AppFactory(services: services => services.AddSingleton<IInterceptor>(disk));
        var filer = await app.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");
        await Api.CompleteContentAsync(filer, id);
        var before = await Api.EvaluationAsync(filer, id);
        var anonymous = await app.ClientForAsync(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("VACUUM")); // no free pages left to reuse

        disk.Full = true;
        var submit = await Api.ActAsync(filer, id, "Submit", (int)before["version"]!);
        var health = await anonymous.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, submit.StatusCode);
        Assert.Equal("存储空间不足，操作未完成，请联系管理员", await Api.ProblemDetailAsync(submit));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        var during = await Api.EvaluationAsync(filer, id); // reads still work
        Assert.Equal((string?)before["stage"], (string?)during["stage"]);
        Assert.Equal((int)before["version"]!, (int)during["version"]!);
        Assert.Equal(0, await app.WithDbAsync(db => db.EvaluationEvents.CountAsync(h => h.EvaluationId == id && h.Act == WorkflowAct.Submit)));

        // Space is back: the same act goes through, health recovers, the file is sound and the history chain intact.
        disk.Full = false;
        await Api.ActOkAsync(filer, id, "Submit");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(["ok"], await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").AsAsyncEnumerable().ToListAsync().AsTask()));
        var check = await Api.CheckHistoryAsync(await app.ClientForAsync("admin1"));
        Assert.Equal(0, (int)check["brokenCount"]!);
    }

    /// <summary>While <see cref="Full"/>, every connection the app opens may not add a page to the database file.</summary>
    private sealed class FullDisk : DbConnectionInterceptor
    {
        public volatile bool Full;

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            // Below the current size SQLite keeps the current size: no new page can be added. 1073741823 is its default.
            command.CommandText = Full ? "PRAGMA max_page_count = 1" : "PRAGMA max_page_count = 1073741823";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Full ? "PRAGMA max_page_count = 1" : "PRAGMA max_page_count = 1073741823";
            command.ExecuteNonQuery();
        }
    }
}
