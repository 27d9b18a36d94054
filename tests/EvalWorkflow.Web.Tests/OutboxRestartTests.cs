using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Web.Tests;

public sealed class OutboxRestartTests
{
    [Fact]
    public async Task An_act_saved_before_a_stop_is_delivered_exactly_once_after_restart()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"evalworkflow-restart-{Guid.NewGuid():N}.db");
        Guid submitted;

        // First process: the act's transaction commits, but the process stops before any dispatch.
        await using (var stopped = new AppFactory(databasePath, dispatch: false))
        {
            var filer = await stopped.ClientForAsync("filer1");
            var id = await Api.OverallEvaluationIdAsync(filer);
            await Api.SaveSectionAsync(filer, id, "1", "基本情况");
            await Api.CompleteContentAsync(filer, id);
            await Api.ActOkAsync(filer, id, "Submit");
            submitted = await stopped.WithDbAsync(db => db.EvaluationEvents.Where(h => h.EvaluationId == id && h.Act == WorkflowAct.Submit).Select(h => h.Id).SingleAsync());
            Assert.Equal(0, await stopped.WithDbAsync(db => db.Notifications.CountAsync()));
            Assert.Equal(1, await stopped.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAtUtc == null)));
        }

        // Second process on the same database file: the dispatcher delivers what was left.
        var logs = new ListLogger();
        await using (var restarted = new AppFactory(databasePath, logs: logs))
        {
            _ = restarted.Services;
            await Api.EventuallyAsync(() => restarted.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAtUtc != null)), "the outbox to drain");
            await Api.EventuallyAsync(() => restarted.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EventId == submitted)), "the notification");

            // A crash between publish and "mark sent" publishes again: the consumer must not notify twice.
            await restarted.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"OutboxMessages\" SET \"SentAtUtc\" = NULL"));
            await Api.EventuallyAsync(() => restarted.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAtUtc != null)), "the second dispatch");
            await Api.EventuallyAsync(() => Task.FromResult(logs.Has(LogLevel.Information, $"Event {submitted} was already delivered")),
                "the consumer to receive the second publication and write nothing");

            var notifications = await restarted.WithDbAsync(db => db.Notifications.Where(n => n.EventId == submitted).ToListAsync());
            var head = await restarted.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "head1"));
            Assert.Equal(head.Id, Assert.Single(notifications).UserId);
        }

        AppProcess.DeleteDatabase(databasePath);
    }
}
