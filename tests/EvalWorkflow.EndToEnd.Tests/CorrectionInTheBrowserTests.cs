using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

public sealed class CorrectionInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_superseded_revision_shows_that_it_was_corrected_and_links_to_the_current_one()
    {
        var first = await Api.PublishAsync(fixture.App, await Api.OverallEvaluationIdAsync(await fixture.App.ClientForAsync("filer1")));
        var admin = await fixture.App.ClientForAsync("admin1");
        var reopened = await admin.PostAsJsonAsync($"/api/evaluations/{first}/corrections", new { reason = "附件2 数据更正" });
        reopened.EnsureSuccessStatusCode();
        var second = await Api.PublishAsync(fixture.App, Guid.Parse((string)(await reopened.Content.ReadFromJsonAsync<JsonObject>())!["id"]!));

        var visitor = await (await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl })).NewPageAsync();
        await visitor.GotoAsync($"/public/reports/{first}");
        await Expect(visitor.GetByTestId("superseded")).ToContainTextAsync("已更正");
        await visitor.GetByTestId("current-revision").ClickAsync();
        await visitor.WaitForURLAsync($"**/public/reports/{second}");
        await Expect(visitor.GetByTestId("correction")).ToContainTextAsync("更正版（第 2 版）");
        await Expect(visitor.GetByTestId("public-report")).ToContainTextAsync(Api.HealthBureau);
    }
}
