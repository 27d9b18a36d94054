using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EvalWorkflow.Web.Tests;

public sealed class CorrectionTests : AppTest
{
    [Fact]
    public async Task A_correction_goes_through_signature_and_review_again_and_once_published_supersedes_the_old_revision()
    {
        var first = await PublishedEvaluationAsync();
        var admin = await App.ClientForAsync("admin1");

        var noReason = await admin.PostAsJsonAsync($"/api/evaluations/{first}/corrections", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var byFiler = await (await App.ClientForAsync("filer1")).PostAsJsonAsync($"/api/evaluations/{first}/corrections", new { reason = "更正" });
        Assert.Equal(HttpStatusCode.Conflict, byFiler.StatusCode);

        var reopened = await admin.PostAsJsonAsync($"/api/evaluations/{first}/corrections", new { reason = "附件2 家庭医生签约人数填报有误" });
        Assert.Equal(HttpStatusCode.Created, reopened.StatusCode);
        var second = Guid.Parse((string)(await reopened.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/evaluations/{first}/corrections", new { reason = "再次" })).StatusCode);

        var filer = await App.ClientForAsync("filer1");
        var draft = await Api.EvaluationAsync(filer, second);
        Assert.Equal("Drafting", (string?)draft["stage"]);
        Assert.Equal(2, (int)draft["revision"]!["number"]!);
        Assert.Contains("附件2 家庭医生签约人数填报有误", (string?)draft["history"]!.AsArray()[0]!["comment"]);
        Assert.Equal(99.60m, (decimal)(await Api.ContentAsync(filer, second))["report"]!["overall"]!["total"]!);
        Assert.Equal("Published", (string?)(await Api.EvaluationAsync(admin, first))["stage"]);
        Assert.Null((string?)(await Api.EvaluationAsync(admin, first))["revision"]!["supersededById"]);

        await Api.CompleteContentAsync(filer, second);
        await Api.ActOkAsync(filer, second, "Submit");
        await Api.ActOkAsync(await App.ClientForAsync("head1"), second, "Sign", password: "Demo#2026");
        var reviewer = await App.ClientForAsync("reviewer1");
        await Api.ActOkAsync(reviewer, second, "Claim");
        await Api.ActOkAsync(reviewer, second, "Approve");
        await Api.ActOkAsync(admin, second, "Publish");

        var old = await Api.EvaluationAsync(admin, first);
        Assert.Equal("Published", (string?)old["stage"]);
        Assert.Equal(second.ToString(), (string?)old["revision"]!["supersededById"]);
        Assert.False((bool)old["revision"]!["mayReopen"]!);
        var visitor = await App.ClientForAsync(null);
        var listed = (await visitor.GetFromJsonAsync<JsonObject>("/api/public/reports"))!["items"]!.AsArray();
        Assert.DoesNotContain(listed, r => (string?)r!["id"] == first.ToString());
        Assert.Contains(listed, r => (string?)r!["id"] == second.ToString());
        Assert.Contains((await visitor.GetFromJsonAsync<JsonObject>("/api/public/reports?kind=Overall"))!["items"]!.AsArray(),
            r => (string?)r!["id"] == second.ToString());
        Assert.Empty((await visitor.GetFromJsonAsync<JsonObject>("/api/public/reports?kind=Project"))!["items"]!.AsArray());
        var oldPage = await visitor.GetStringAsync($"/public/reports/{first}");
        Assert.Contains("已更正", oldPage);
        Assert.Contains($"/public/reports/{second}", oldPage);

        var stale = await admin.PostAsJsonAsync($"/api/evaluations/{first}/corrections", new { reason = "更正旧版" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("只能更正当前有效", await Api.ProblemDetailAsync(stale));
    }
}
