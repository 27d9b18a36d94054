using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EvalWorkflow.Web.Tests;

/// <summary>The reminder scan on the real app and a real SQLite file, with time driven by a <see cref="FakeTimeProvider"/>.</summary>
public sealed class ReminderTests : IAsyncLifetime
{
    // 10:00 in Beijing on Tuesday 2026-02-10, before the Spring Festival holiday (02-15 to 02-23; Saturdays 02-14 and 02-28 are worked).
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 2, 10, 2, 0, 0, TimeSpan.Zero));
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"evalworkflow-reminders-{Guid.NewGuid():N}.db");
    private AppFactory app = null!;

    public Task InitializeAsync()
    {
        app = new AppFactory(databasePath, clock: clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }
    }

    [Fact]
    public async Task Reminders_go_out_on_the_right_working_days_around_the_spring_festival_and_escalate_when_long_overdue()
    {
        var id = await EducationEvaluationDueAsync("2026-02-25");

        for (var day = new DateOnly(2026, 2, 10); day <= new DateOnly(2026, 3, 3); day = day.AddDays(1))
        {
            clock.SetUtcNow(ChinaDate.StartUtc(day).AddHours(10));
            await ScanAsync();
            await ScanAsync(); // a rerun the same day sends nothing more
        }

        var sent = await RemindersAsync(id);
        Assert.Equal(
        [
            ("2026-02-11", 5, ReminderKind.Holder),
            ("2026-02-14", 2, ReminderKind.Holder), // a make-up Saturday; the holiday that follows sends nothing
            ("2026-02-24", 1, ReminderKind.Holder),
            ("2026-02-25", 0, ReminderKind.Holder),
            ("2026-02-26", -1, ReminderKind.Holder),
            ("2026-02-27", -2, ReminderKind.Holder),
            ("2026-02-28", -3, ReminderKind.Holder),
            ("2026-02-28", -3, ReminderKind.Escalation),
            ("2026-03-02", -4, ReminderKind.Holder), // Sunday 03-01 is off: no new overdue day
            ("2026-03-03", -5, ReminderKind.Holder),
        ], sent);

        var filer = await app.ClientForAsync("filer3");
        await EventuallyDeliveredAsync(async () => (await NotificationsAsync(filer, id)).Count == 9, "filer3's nine reminders");
        var notes = await NotificationsAsync(filer, id);
        Assert.Contains(notes, n => (string?)n!["title"] == "示例市教育局《2025年度部门整体支出绩效自评（测试）》还剩 5 个工作日到期");
        Assert.Contains(notes, n => (string?)n!["title"] == "示例市教育局《2025年度部门整体支出绩效自评（测试）》今天到期");
        var head = await app.ClientForAsync("head3");
        await EventuallyDeliveredAsync(async () => (await NotificationsAsync(head, id)).Any(n => ((string?)n!["title"])!.Contains("已逾期 3 个工作日")),
            "head3's escalation");
        var admin = await app.ClientForAsync("admin1");
        await EventuallyDeliveredAsync(async () => (await NotificationsAsync(admin, id)).Count == 1, "admin1's escalation");
    }

    [Fact]
    public async Task A_restart_halfway_through_a_scan_and_two_scanners_at_once_still_send_each_reminder_once()
    {
        var ids = new List<Guid>
        {
            await EducationEvaluationDueAsync("2026-02-12"),
            await EducationEvaluationDueAsync("2026-02-13", "（第二批）"),
        };
        clock.SetUtcNow(ChinaDate.StartUtc(new DateOnly(2026, 2, 11)).AddHours(10));

        // A scan that stopped after its first reminder here: that one is saved together with its outbox message.
        using (var stopped = new CancellationTokenSource())
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Workflows.Persistence.AppDbContext>();
            db.SavedChanges += (_, _) =>
            {
                // Stop right after the first of this test's reminders is saved (the demo has an overdue unit of its own).
                if (db.ChangeTracker.Entries<Reminder>().Any(e => ids.Contains(e.Entity.EvaluationId)))
                {
                    stopped.Cancel();
                }
            };
            // One evaluation per transaction, so that the scan can stop between this test's two reminders.
            var settings = scope.ServiceProvider.GetRequiredService<IOptions<ReminderOptions>>().Value;
            var oneAtATime = Options.Create(new ReminderOptions
            {
                DaysBefore = settings.DaysBefore, EscalateAfterWorkingDays = settings.EscalateAfterWorkingDays, BatchSize = 1,
            });
            var scan = ActivatorUtilities.CreateInstance<ReminderScan>(scope.ServiceProvider, db, oneAtATime);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scan.RunAsync(stopped.Token));
        }

        Assert.Single(await app.WithDbAsync(db => db.Reminders.Where(r => ids.Contains(r.EvaluationId)).ToListAsync()));

        // After the restart, two scanners run at the same moment.
        await Task.WhenAll(ScanAsync(), ScanAsync());
        await ScanAsync();

        var reminders = await app.WithDbAsync(db => db.Reminders.Where(r => ids.Contains(r.EvaluationId)).ToListAsync());
        Assert.Equal(2, reminders.Count);
        Assert.Equal([1, 2], reminders.OrderBy(r => r.Offset).Select(r => r.Offset));
        var filer = await app.ClientForAsync("filer3");
        await EventuallyDeliveredAsync(async () => (await NotificationsAsync(filer, ids[0])).Count + (await NotificationsAsync(filer, ids[1])).Count == 2,
            "one notification per reminder");
        // Every reminder message of these evaluations sent and consumed: no notification can still come from one.
        var texts = ids.Select(i => i.ToString()).ToList();
        await EventuallyDeliveredAsync(() => app.WithDbAsync(db => db.OutboxMessages
                .Where(m => m.Payload.Contains(texts[0]) || m.Payload.Contains(texts[1]))
                .AllAsync(m => m.SentAtUtc != null && db.ConsumedMessages.Any(c => c.EventId == m.EventId))),
            "every reminder message consumed");
        Assert.Equal(2, (await NotificationsAsync(filer, ids[0])).Count + (await NotificationsAsync(filer, ids[1])).Count);
    }

    private async Task<Guid> EducationEvaluationDueAsync(string deadline, string suffix = "（测试）")
    {
        var admin = await app.ClientForAsync("admin1");
        var education = await app.WithDbAsync(db => db.BudgetUnits.SingleAsync(u => u.Name == DemoData.EducationBureauName));
        var created = await admin.PostAsJsonAsync("/api/rounds", new
        {
            title = $"2025年度部门整体支出绩效自评{suffix}", fiscalYear = 2025, submissionDeadline = deadline,
            workflowDefinitionKey = "default", unitIds = new[] { education.Id },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var roundId = Guid.Parse((string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        return await app.WithDbAsync(db => db.Evaluations.Where(e => e.RoundId == roundId).Select(e => e.Id).SingleAsync());
    }

    private async Task ScanAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderScan>().RunAsync();
    }

    private Task<List<(string, int, ReminderKind)>> RemindersAsync(Guid evaluationId) => app.WithDbAsync(async db =>
        (await db.Reminders.Where(r => r.EvaluationId == evaluationId).ToListAsync())
            .OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Kind)
            .Select(r => (ChinaDate.Of(r.CreatedAtUtc).ToString("yyyy-MM-dd"), r.Offset, r.Kind))
            .ToList());

    private static async Task<List<JsonNode?>> NotificationsAsync(HttpClient client, Guid evaluationId) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/inbox"))!["notifications"]!["items"]!.AsArray()
            .Where(n => (string?)n!["evaluationId"] == evaluationId.ToString()).ToList();

    /// <summary>The outbox dispatcher waits on the fake clock between polls: nudge it while waiting.</summary>
    private Task EventuallyDeliveredAsync(Func<Task<bool>> condition, string what) =>
        Api.EventuallyAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return await condition();
        }, what);
}
