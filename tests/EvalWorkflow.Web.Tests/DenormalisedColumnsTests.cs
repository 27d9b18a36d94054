using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

/// <summary>
/// The copies kept for fast lists: the public list's columns on a listed revision, and one involvement per person and
/// evaluation with their last act. Each is written by the act that changes what it copies, and must agree with the source.
/// </summary>
public sealed class DenormalisedColumnsTests : AppTest
{
    [Fact]
    public async Task The_listing_columns_are_set_by_publishing_and_cleared_when_a_correction_supersedes_the_revision()
    {
        var first = await PublishedEvaluationAsync();
        Assert.Equal(await SourceAsync(first), await ListingAsync(first));

        var admin = await App.ClientForAsync("admin1");
        var reopened = await admin.PostAsJsonAsync($"/api/evaluations/{first}/corrections", new { reason = "附件2 数字填报有误" });
        var second = Guid.Parse((string)(await reopened.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        Assert.Equal(await SourceAsync(first), await ListingAsync(first)); // still listed while the correction is under way
        Assert.Equal((null, null, null), await ListingAsync(second));

        var filer = await App.ClientForAsync("filer1");
        await Api.CompleteContentAsync(filer, second);
        await Api.ActOkAsync(filer, second, "Submit");
        await Api.ActOkAsync(await App.ClientForAsync("head1"), second, "Sign", password: "Demo#2026");
        var reviewer = await App.ClientForAsync("reviewer1");
        await Api.ActOkAsync(reviewer, second, "Claim");
        await Api.ActOkAsync(reviewer, second, "Approve");
        await Api.ActOkAsync(admin, second, "Publish");

        Assert.Equal((null, null, null), await ListingAsync(first));
        Assert.Equal(await SourceAsync(second), await ListingAsync(second));
        var listed = (await (await App.ClientForAsync(null)).GetFromJsonAsync<JsonObject>("/api/public/reports"))!;
        var row = Assert.Single(listed["items"]!.AsArray(), r => (string?)r!["unitName"] == Api.HealthBureau)!;
        Assert.Equal(second.ToString(), (string?)row["id"]);
    }

    [Fact]
    public async Task Each_persons_done_list_has_one_row_per_evaluation_with_their_last_act_as_the_history_says()
    {
        var published = await PublishedEvaluationAsync();

        var involvements = await App.WithDbAsync(db => db.Involvements.AsNoTracking()
            .Select(i => new { i.UserId, i.EvaluationId, i.LastAct, i.LastActAtUtc, i.UnitId, i.FinanceBureauId }).ToListAsync());
        var lastActs = await App.WithDbAsync(async db => (await db.EvaluationEvents.AsNoTracking().ToListAsync())
            .GroupBy(h => (h.ActorId, h.EvaluationId)).Select(g => g.MaxBy(h => h.Sequence)!).ToList());
        var scopes = await App.WithDbAsync(db => db.Evaluations.AsNoTracking().ToDictionaryAsync(e => e.Id, e => (e.UnitId, e.FinanceBureauId)));

        Assert.Equal(lastActs.Count, involvements.Count);
        foreach (var last in lastActs)
        {
            var involvement = Assert.Single(involvements, i => i.UserId == last.ActorId && i.EvaluationId == last.EvaluationId);
            Assert.Equal((last.Act, last.OccurredAtUtc), (involvement.LastAct, involvement.LastActAtUtc));
            Assert.Equal(scopes[last.EvaluationId], (involvement.UnitId, involvement.FinanceBureauId));
        }

        var reviewer = await App.ClientForAsync("reviewer1");
        var done = (await reviewer.GetFromJsonAsync<JsonObject>("/api/inbox/done"))!;
        var row = Assert.Single(done["items"]!.AsArray(), r => (string?)r!["evaluationId"] == published.ToString())!;
        Assert.Equal("审核通过", (string?)row["lastActLabel"]);
        var times = done["items"]!.AsArray().Select(r => (DateTime)r!["lastActAtUtc"]!).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(involvements.Count(i => i.UserId == ReviewerId(lastActs, published)), (int)done["total"]!);
        Assert.Equal((int)done["total"]!, (int)(await reviewer.GetFromJsonAsync<JsonObject>("/api/inbox"))!["done"]!["total"]!);
        Assert.Equal(0, (int)(await reviewer.GetFromJsonAsync<JsonObject>("/api/inbox/done?q=没有这个单位"))!["total"]!);
    }

    private static string ReviewerId(IEnumerable<Workflows.Evaluations.EvaluationEvent> lastActs, Guid evaluationId) =>
        lastActs.First(h => h.EvaluationId == evaluationId && h.Act == Workflows.Definitions.WorkflowAct.Approve).ActorId;

    private Task<(int?, string?, string?)> ListingAsync(Guid id) => App.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id)
        .Select(e => new ValueTuple<int?, string?, string?>(e.ListedFiscalYear, e.ListedUnitName, e.ListedRoundTitle)).SingleAsync());

    private Task<(int?, string?, string?)> SourceAsync(Guid id) => App.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id)
        .Select(e => new ValueTuple<int?, string?, string?>(e.Round.FiscalYear, e.Unit.Name, e.Round.Title)).SingleAsync());
}
