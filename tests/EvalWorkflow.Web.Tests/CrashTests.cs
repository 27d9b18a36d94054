using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

/// <summary>The app as a real process, killed with SIGKILL in the middle of a burst of acts and started again on the same file.</summary>
public sealed class CrashTests
{
    private const int Kills = 12;

    private static readonly Dictionary<string, string> Settings = new()
    {
        // Short, so that messages the killed process had handed to the in-memory transport come again within the test.
        ["Outbox:RedeliverAfter"] = "00:00:01",
        // Short too: rows the killed process had claimed but not yet published are taken over once their claim lapses.
        ["Outbox:ClaimLease"] = "00:00:02",
    };

    [Fact]
    public async Task Acts_and_their_notifications_survive_kill_9_during_a_burst_of_acts()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"evalworkflow-crash-{Guid.NewGuid():N}.db");
        var app = await AppProcess.StartAsync(databasePath, Settings);
        try
        {
            var filer = await app.ClientForAsync("filer1");
            var id = await Api.OverallEvaluationIdAsync(filer);
            await Api.SaveSectionAsync(filer, id, "1", "基本情况");
            await Api.CompleteContentAsync(filer, id);
            var start = await Api.EvaluationAsync(filer, id);
            var (firstVersion, firstSequence) = ((int)start["version"]!, await LastSequenceAsync(databasePath, id));

            var acknowledged = new List<int>();
            var random = new Random(20261201);
            for (var kill = 0; kill < Kills; kill++)
            {
                filer = await app.ClientForAsync("filer1");
                var target = acknowledged.Count + random.Next(3, 15);
                using var stop = new CancellationTokenSource();
                var burst = BurstAsync([filer], id, acknowledged, stop.Token);
                await Api.EventuallyAsync(() => Task.FromResult(acknowledged.Count >= target || burst.IsCompleted), "acts to be acknowledged");
                app.Kill(); // in the middle of the burst: an act may be in flight, a message handed on but not consumed
                await stop.CancelAsync();
                await burst;
                await app.DisposeAsync();
                app = await AppProcess.StartAsync(databasePath, Settings);
            }

            await Api.EventuallyAsync(() => WithDbAsync(databasePath, db => db.OutboxMessages.AllAsync(m => m.DeliveredAtUtc != null)),
                "every outbox message to be delivered after the restarts");

            await using (var db = AppProcess.Database(databasePath))
            {
                await AssertNothingLostOrDoubledAsync(db, id, firstSequence, firstVersion, acknowledged, Kills);
            }

            // The history chain is intact.
            var check = await Api.CheckHistoryAsync(await app.ClientForAsync("admin1"), TimeSpan.FromMinutes(1));
            Assert.Equal("Finished", (string?)check["status"]);
            Assert.Equal(0, (int)check["brokenCount"]!);
        }
        finally
        {
            await app.DisposeAsync();
            AppProcess.DeleteDatabase(databasePath);
        }
    }

    /// <summary>
    /// After kills during a burst of Submit/Withdraw: every acknowledged act is in the history once, the sequence is whole,
    /// nothing is half-applied, every row has its one outbox message, and every recipient was notified exactly once.
    /// </summary>
    /// <param name="kills">How many bursts were cut short (by a kill or a stop): each may have left one committed act unanswered.</param>
    internal static async Task AssertNothingLostOrDoubledAsync(Workflows.Persistence.AppDbContext db, Guid id, int firstSequence, int firstVersion,
        IReadOnlyList<int> acknowledged, int kills)
    {
        var history = await db.EvaluationEvents.AsNoTracking().Where(h => h.EvaluationId == id && h.Sequence > firstSequence)
            .OrderBy(h => h.Sequence).ToListAsync();
        var evaluation = await db.Evaluations.AsNoTracking().SingleAsync(e => e.Id == id);

        // Every acknowledged act is in the history exactly once: one row per version, nothing applied twice.
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        Assert.InRange(history.Count, acknowledged.Count, acknowledged.Count + kills); // at most one committed act per kill went unanswered
        Assert.Equal(Enumerable.Range(firstSequence + 1, history.Count), history.Select(h => h.Sequence));
        Assert.All(history, (h, i) => Assert.Equal(i % 2 == 0 ? WorkflowAct.Submit : WorkflowAct.Withdraw, h.Act));
        Assert.Equal(firstVersion + history.Count, evaluation.Version);
        Assert.All(acknowledged, v => Assert.InRange(v, firstVersion + 1, evaluation.Version));

        // Nothing half-applied: the stage is the last row's, every row has its one outbox message.
        Assert.Equal(history[^1].ToStage, evaluation.Stage);
        var eventIds = history.Select(h => h.Id).ToList();
        var outbox = await db.OutboxMessages.AsNoTracking().Where(m => eventIds.Contains(m.EventId)).Select(m => m.EventId).ToListAsync();
        Assert.Equal(eventIds.Order(), outbox.Order());

        // Every recipient's notification exactly once: the head is told of each submission, once.
        var headId = await db.Users.Where(u => u.UserName == "head1").Select(u => u.Id).SingleAsync();
        var notified = await db.Notifications.AsNoTracking().Where(n => eventIds.Contains(n.EventId))
            .Select(n => new { n.EventId, n.UserId }).ToListAsync();
        Assert.Equal(notified.Count, notified.Distinct().Count());
        var submissions = history.Where(h => h.Act == WorkflowAct.Submit).Select(h => h.Id).Order().ToList();
        Assert.Equal(submissions, notified.Where(n => n.UserId == headId).Select(n => n.EventId).Order().ToList());
    }

    /// <summary>
    /// Submits and withdraws as fast as the app answers, each act through the next of <paramref name="filers"/> (one per node),
    /// until a node dies; records the version each acknowledged act returned.
    /// </summary>
    internal static async Task BurstAsync(IReadOnlyList<HttpClient> filers, Guid id, List<int> acknowledged, CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var filer = filers[n % filers.Count];
                var evaluation = await Api.EvaluationAsync(filer, id);
                var act = (string?)evaluation["stage"] == Stages.Drafting ? "Submit" : "Withdraw";
                var response = await Api.ActAsync(filer, id, act, (int)evaluation["version"]!);
                Assert.True(response.IsSuccessStatusCode, $"{act}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stop)}");
                var version = (int)(await response.Content.ReadFromJsonAsync<JsonObject>(stop))!["version"]!;
                lock (acknowledged)
                {
                    acknowledged.Add(version);
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // the process was killed: whatever was not answered is not acknowledged
        }
    }

    internal static async Task<int> LastSequenceAsync(string databasePath, Guid id) =>
        await WithDbAsync(databasePath, db => db.EvaluationEvents.Where(h => h.EvaluationId == id).MaxAsync(h => (int?)h.Sequence)) ?? 0;

    private static async Task<T> WithDbAsync<T>(string databasePath, Func<Workflows.Persistence.AppDbContext, Task<T>> query)
    {
        await using var db = AppProcess.Database(databasePath);
        return await query(db);
    }
}
