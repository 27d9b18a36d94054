using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

public sealed class WholeWayTests : AppTest
{
    [Fact]
    public async Task An_evaluation_goes_from_draft_through_return_to_publication()
    {
        var filer = await App.ClientForAsync("filer1");
        var head = await App.ClientForAsync("head1");
        var reviewer = await App.ClientForAsync("reviewer1");
        var admin = await App.ClientForAsync("admin1");
        var id = await Api.OverallEvaluationIdAsync(filer);

        await Api.SaveSectionAsync(filer, id, "1", "示例市卫生健康局负责全市卫生健康工作。");
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        await Api.ActOkAsync(head, id, "Sign", password: "Demo#2026");
        var signed = await Api.EvaluationAsync(reviewer, id);
        Assert.Equal("FinanceReview", (string?)signed["stage"]);
        Assert.Equal((string?)signed["contentSha256"], (string?)signed["signature"]!["contentSha256"]);

        await Api.ActOkAsync(reviewer, id, "Claim");
        await Api.ActOkAsync(reviewer, id, "Return", comment: "请补充机构设置情况");
        var returned = await Api.EvaluationAsync(filer, id);
        Assert.Equal("Drafting", (string?)returned["stage"]);
        Assert.Null(returned["signature"]);
        Assert.Contains(returned["history"]!.AsArray(), h => (string?)h!["comment"] == "请补充机构设置情况");

        await Api.EventuallyAsync(async () => (await NotificationsAsync(filer)).Any(n => ((string?)n!["body"])!.Contains("请补充机构设置情况")),
            "filer1's notification of the return");

        await Api.SaveSectionAsync(filer, id, "1", "示例市卫生健康局负责全市卫生健康工作。内设科室 22 个。");
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        var resubmitted = await Api.ActAsync(reviewer, id, "Approve", await Api.VersionAsync(reviewer, id));
        Assert.Equal(HttpStatusCode.Conflict, resubmitted.StatusCode);
        Assert.Contains("需要先由单位负责人签字", await Api.ProblemDetailAsync(resubmitted));

        await Api.ActOkAsync(head, id, "Sign", password: "Demo#2026");
        // Back in review it is still the reviewer's who returned it: no second claim, nobody else may take it.
        Assert.Equal("陈静", (string?)(await Api.EvaluationAsync(reviewer, id))["claimedByName"]);
        await Api.ActOkAsync(reviewer, id, "Approve");
        await Api.ActOkAsync(admin, id, "Publish");

        var published = await Api.EvaluationAsync(admin, id);
        Assert.Equal("Published", (string?)published["stage"]);
        Assert.Equal(8, published["history"]!.AsArray().Count); // submit, sign, claim, return, submit, sign, approve, publish
        Assert.Empty(published["permittedActs"]!.AsArray());

        var anonymous = await App.ClientForAsync(null);
        var reports = (await anonymous.GetFromJsonAsync<JsonObject>("/api/public/reports?q=卫生健康"))!["items"]!.AsArray();
        Assert.Contains(reports, r => (string?)r!["id"] == id.ToString());
        var page = await anonymous.GetStringAsync($"/public/reports/{id}");
        Assert.Contains("内设科室 22 个", page);
        Assert.Contains("示例市卫生健康局", page);
    }

    [Fact]
    public async Task A_published_evaluation_cannot_be_changed()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await PublishedEvaluationAsync();
        Assert.Equal(1, await App.WithDbAsync(db => db.Evaluations.CountAsync(e => e.Id == id && e.PublishedAtUtc != null)));

        var edit = await filer.PutAsJsonAsync($"/api/evaluations/{id}/sections/1", new { markdown = "改写", baseVersion = 1 });
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        var returnIt = await Api.ActAsync(await App.ClientForAsync("reviewer1"), id, "Return", await Api.VersionAsync(filer, id), "再改");
        Assert.Equal(HttpStatusCode.Conflict, returnIt.StatusCode);
    }

    [Fact]
    public async Task Health_answers_when_the_database_answers()
    {
        var response = await (await App.ClientForAsync(null)).GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_act_endpoint()
    {
        var document = await (await App.ClientForAsync(null)).GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/evaluations/{id}/acts/{act}", document);
    }

    private static async Task<JsonArray> NotificationsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/inbox"))!["notifications"]!["items"]!.AsArray();
}
