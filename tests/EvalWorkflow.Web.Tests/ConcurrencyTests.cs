using System.Net;
using EvalWorkflow.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

public sealed class ConcurrencyTests : AppTest
{
    [Fact]
    public async Task Twenty_concurrent_approvals_give_one_success_one_history_row_and_one_notification_each()
    {
        var id = await SignedEvaluationAsync();
        var reviewer = await App.ClientForAsync("reviewer1");
        await Api.ActOkAsync(reviewer, id, "Claim");
        var version = await Api.VersionAsync(reviewer, id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Api.ActAsync(reviewer, id, "Approve", version)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Contains("已被他人处理", await Api.ProblemDetailAsync(responses.First(r => r.StatusCode == HttpStatusCode.Conflict)));
        var approvals = await App.WithDbAsync(db => db.EvaluationEvents.Where(h => h.EvaluationId == id && h.Act == WorkflowAct.Approve).ToListAsync());
        var approval = Assert.Single(approvals);
        Assert.Equal(1, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.EventId == approval.Id)));

        // Approved is held by the finance administrator: admin1 is told once.
        await Api.EventuallyAsync(() => App.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EventId == approval.Id)), "the approval's notification");
        var notifications = await App.WithDbAsync(db => db.Notifications.Where(n => n.EventId == approval.Id).ToListAsync());
        var admin = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "admin1"));
        Assert.Equal(admin.Id, Assert.Single(notifications).UserId);
    }

    [Fact]
    public async Task Two_reviewers_claiming_at_once_leaves_one_holder()
    {
        var id = await SignedEvaluationAsync();
        var first = await App.ClientForAsync("reviewer1");
        var second = await App.ClientForAsync("reviewer2");
        var version = await Api.VersionAsync(first, id);

        var responses = await Task.WhenAll(Api.ActAsync(first, id, "Claim", version), Api.ActAsync(second, id, "Claim", version));

        Assert.Single(responses, r => r.IsSuccessStatusCode);
        var claimedBy = (string?)(await Api.EvaluationAsync(first, id))["claimedByName"];
        Assert.Contains(claimedBy, new[] { "陈静", "刘洋" });
        var late = await Api.ActAsync(claimedBy == "陈静" ? second : first, id, "Claim", await Api.VersionAsync(first, id));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains($"已由{claimedBy}认领", await Api.ProblemDetailAsync(late));
    }
}
