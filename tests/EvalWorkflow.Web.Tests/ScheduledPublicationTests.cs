using System.Net;
using System.Net.Http.Json;
using EvalWorkflow.Workflows.Publication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EvalWorkflow.Web.Tests;

public sealed class ScheduledPublicationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 5, 6, 1, 0, 0, TimeSpan.Zero));
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"evalworkflow-schedule-{Guid.NewGuid():N}.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_publication_set_for_later_survives_a_restart_and_happens_once_its_time_has_come()
    {
        var at = clock.GetUtcNow().UtcDateTime.AddHours(2);
        Guid id;
        await using (var app = new AppFactory(databasePath, clock: clock))
        {
            id = await Api.ApproveAsync(app, await Api.OverallEvaluationIdAsync(await app.ClientForAsync("filer1")));
            var filer = await app.ClientForAsync("filer1");
            Assert.Equal(HttpStatusCode.Conflict, (await ScheduleAsync(filer, id, at)).StatusCode);
            var admin = await app.ClientForAsync("admin1");
            var past = await ScheduleAsync(admin, id, clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
            Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ScheduleAsync(admin, id, at)).StatusCode);

            clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(0, await PublishDueAsync(app));
            // An hour idle ended the session (30 minutes): the administrator signs in again.
            Assert.Equal("Approved", (string?)(await Api.EvaluationAsync(await app.ClientForAsync("admin1"), id))["stage"]);
        }

        // The app stops and starts again before the time: the schedule is in the database, not in the job store.
        clock.Advance(TimeSpan.FromHours(1));
        await using (var restarted = new AppFactory(databasePath, clock: clock))
        {
            Assert.Equal(1, await PublishDueAsync(restarted));
            Assert.Equal(0, await PublishDueAsync(restarted));

            var admin = await restarted.ClientForAsync("admin1");
            var published = await Api.EvaluationAsync(admin, id);
            Assert.Equal("Published", (string?)published["stage"]);
            var last = published["history"]!.AsArray()[^1]!;
            Assert.Equal("Publish", (string?)last["act"]);
            Assert.Equal("周涛", (string?)last["actorName"]);
            Assert.Null(published["publishScheduledAtUtc"]?.GetValue<DateTime?>());
        }
    }

    private static async Task<HttpResponseMessage> ScheduleAsync(HttpClient client, Guid id, DateTime atUtc) =>
        await client.PostAsJsonAsync($"/api/evaluations/{id}/publication-schedule",
            new { version = await Api.VersionAsync(client, id), publishAtUtc = atUtc });

    private static async Task<int> PublishDueAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PublishScheduled>().RunAsync();
    }
}
