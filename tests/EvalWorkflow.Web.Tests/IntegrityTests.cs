using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

public sealed class IntegrityTests : AppTest
{
    [Fact]
    public async Task A_history_row_altered_in_the_database_is_detected_at_its_position()
    {
        var id = await SignedEvaluationAsync();
        await Api.ActOkAsync(await App.ClientForAsync("reviewer1"), id, "Claim");
        var admin = await App.ClientForAsync("admin1");
        Assert.True((bool)(await VerifyAsync(admin))["holds"]!);

        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE EvaluationEvents SET ActorName = '他人' WHERE EvaluationId = {0} AND Sequence = 2", id));

        var result = await VerifyAsync(admin);
        Assert.False((bool)result["holds"]!);
        var broken = Assert.Single(result["firstBroken"]!.AsArray())!;
        Assert.Equal(id.ToString(), (string?)broken["evaluationId"]);
        Assert.Equal(2, (int)broken["sequence"]!);
        Assert.Contains("写入后被改动", (string?)broken["reason"]);

        Assert.Equal("Finished", (string?)result["status"]);
    }

    [Fact]
    public async Task A_deleted_history_row_breaks_the_chain_where_it_was()
    {
        var id = await SignedEvaluationAsync();
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM EvaluationEvents WHERE EvaluationId = {0} AND Sequence = 1", id));

        var broken = Assert.Single((await VerifyAsync(await App.ClientForAsync("admin1")))["firstBroken"]!.AsArray())!;

        Assert.Equal(1, (int)broken["sequence"]!);
        Assert.Contains("缺失", (string?)broken["reason"]);
    }

    [Fact]
    public async Task A_change_after_signing_voids_the_signature_and_stops_approval()
    {
        var id = await SignedEvaluationAsync();
        var reviewer = await App.ClientForAsync("reviewer1");
        await Api.ActOkAsync(reviewer, id, "Claim");
        Assert.True((bool)(await Api.EvaluationAsync(reviewer, id))["signatureHolds"]!);

        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE EvaluationParts SET BodyJson = replace(BodyJson, '37874', '37000') WHERE EvaluationId = {0}", id));

        Assert.False((bool)(await Api.EvaluationAsync(reviewer, id))["signatureHolds"]!);
        var approve = await Api.ActAsync(reviewer, id, "Approve", await Api.VersionAsync(reviewer, id));
        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        Assert.Contains("签字已失效", await Api.ProblemDetailAsync(approve));
    }

    [Fact]
    public async Task Publish_with_content_other_than_the_approved_is_refused()
    {
        var id = await SignedEvaluationAsync();
        var reviewer = await App.ClientForAsync("reviewer1");
        await Api.ActOkAsync(reviewer, id, "Claim");
        await Api.ActOkAsync(reviewer, id, "Approve");
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE ReportSections SET Markdown = Markdown || '（公开前改动）' WHERE EvaluationId = {0} AND Code = '1'", id));

        var admin = await App.ClientForAsync("admin1");
        var publish = await Api.ActAsync(admin, id, "Publish", await Api.VersionAsync(admin, id));

        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        Assert.Contains("SHA-256 不符", await Api.ProblemDetailAsync(publish));
        Assert.Equal("Approved", (string?)(await Api.EvaluationAsync(admin, id))["stage"]);
    }

    private static Task<JsonObject> VerifyAsync(HttpClient admin) => Api.CheckHistoryAsync(admin);
}
