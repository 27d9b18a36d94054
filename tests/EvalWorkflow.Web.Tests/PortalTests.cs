using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Setup;

namespace EvalWorkflow.Web.Tests;

public sealed class PortalTests : AppTest
{
    [Fact]
    public async Task A_published_report_is_found_by_unit_name_year_round_and_unit_but_not_under_another_year()
    {
        var id = await PublishedEvaluationAsync();
        var anonymous = await App.ClientForAsync(null);
        var found = Assert.Single(await ListAsync(anonymous, "?q=卫生"))!;
        Assert.Equal(id.ToString(), (string?)found["id"]);
        Assert.Equal(Api.HealthBureau, (string?)found["unitName"]);
        var year = (int)found["fiscalYear"]!;

        Assert.Empty(await ListAsync(anonymous, $"?year={year - 1}"));
        Assert.Empty(await ListAsync(anonymous, "?q=教育"));
        Assert.Single(await ListAsync(anonymous, $"?year={year}&roundId={found["roundId"]}&unitId={found["unitId"]}&q=%20卫生健康%20"));
        Assert.Empty(await ListAsync(anonymous, $"?unitId={Guid.NewGuid()}"));

        var options = (await anonymous.GetFromJsonAsync<JsonObject>("/api/public/reports/options"))!;
        Assert.Equal([year], options["years"]!.AsArray().Select(y => (int)y!));
        Assert.Equal([Api.HealthBureau], options["units"]!.AsArray().Select(u => (string?)u!["name"]));
        Assert.Contains("整体", (string?)Assert.Single(options["rounds"]!.AsArray())!["title"]);
    }

    [Fact]
    public async Task The_published_detail_has_the_sections_the_scored_tables_the_signer_and_the_approved_hash()
    {
        var id = await PublishedEvaluationAsync();
        var report = (await (await App.ClientForAsync(null)).GetFromJsonAsync<JsonObject>($"/api/public/reports/{id}"))!;

        Assert.StartsWith(Api.HealthBureau, (string?)report["title"]);
        Assert.EndsWith("年度部门整体支出绩效自评报告", (string?)report["title"]);
        Assert.Equal("王建国", (string?)report["signature"]!["signerName"]);
        Assert.Null(report["signature"]!["signerId"]);
        Assert.NotNull(report["approvedAtUtc"]);
        Assert.Matches("^[0-9a-f]{64}$", (string?)report["approvedContentSha256"]);

        var content = report["content"]!;
        Assert.Equal(10, content["sections"]!.AsArray().Count);
        Assert.Equal(9, content["overall"]!["indicators"]!.AsArray().Count);
        Assert.Equal("计划生育家庭特别扶助", (string?)Assert.Single(content["projects"]!.AsArray())!["projectName"]);
        Assert.Equal(112, (int)content["basic"]!["actualStaff"]!);

        var overall = report["scores"]!["overall"]!;
        Assert.Equal(99.60m, (decimal)overall["total"]!);
        Assert.Equal("优", (string?)overall["gradeLabel"]);
        Assert.Equal(98.50m, (decimal)overall["executionRatePercent"]!);
        Assert.Single(report["scores"]!["projects"]!.AsArray());
        Assert.Null(report["findings"]);
    }

    [Fact]
    public async Task A_draft_is_neither_listed_nor_readable()
    {
        await PublishedEvaluationAsync();
        var draft = await Api.OverallEvaluationIdAsync(await App.ClientForAsync("filer3"), DemoData.EducationBureauName);
        var anonymous = await App.ClientForAsync(null);

        Assert.DoesNotContain(await ListAsync(anonymous, ""), r => (string?)r!["id"] == draft.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/public/reports/{draft}")).StatusCode);
        var page = await anonymous.GetAsync($"/public/reports/{draft}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var text = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("您访问的页面不存在", text);
        Assert.DoesNotContain(DemoData.EducationBureauName, text);
        Assert.DoesNotContain(DemoData.EducationBureauName, await PageAsync(anonymous, "/public"));
    }

    [Fact]
    public async Task The_report_page_shows_the_official_layout_with_the_tables_the_signature_the_hash_and_the_Word_link()
    {
        var id = await PublishedEvaluationAsync();
        var anonymous = await App.ClientForAsync(null);
        var hash = (string?)(await anonymous.GetFromJsonAsync<JsonObject>($"/api/public/reports/{id}"))!["approvedContentSha256"];

        var page = await PageAsync(anonymous, $"/public/reports/{id}");

        Assert.Contains("data-testid=\"public-report\"", page);
        Assert.Contains("年度部门整体支出绩效自评报告", page);
        Assert.Contains("一、基本情况", page);
        Assert.Contains("data-testid=\"sheet-basic\"", page);
        Assert.Contains("年度部门整体支出绩效评价基础数据表", page);
        Assert.Contains("data-testid=\"sheet-overall\"", page);
        Assert.Contains("年度部门整体支出绩效自评表", page);
        Assert.Contains("data-testid=\"sheet-project-1\"", page);
        Assert.Contains("年度项目支出绩效自评表", page);
        Assert.Contains("12312.50", page);
        Assert.Contains("98.50%", page);
        Assert.Contains("<td class=\"num\" data-testid=\"sheet-overall-total\">99.60</td>", page);
        Assert.Contains("评价等级：<b data-testid=\"sheet-overall-grade\">优</b>", page);
        Assert.Contains("单位负责人签字：王建国", page);
        Assert.Contains(hash!, page);
        Assert.Contains($"href=\"/api/public/reports/{id}.docx\"", page);
    }

    [Fact]
    public async Task The_portal_list_filters_by_the_address_and_says_when_nothing_matches()
    {
        var id = await PublishedEvaluationAsync();
        var anonymous = await App.ClientForAsync(null);

        var matching = await PageAsync(anonymous, "/public?q=卫生");
        Assert.Contains($"/public/reports/{id}", matching);
        Assert.Contains("value=\"卫生\"", matching);

        var none = await PageAsync(anonymous, "/public?q=没有这个单位");
        Assert.DoesNotContain($"/public/reports/{id}", none);
        Assert.Contains("没有符合条件的公开报告", none);

        var mangled = await anonymous.GetAsync("/public?year=abc&roundId=x&unitId=y");
        Assert.Equal(HttpStatusCode.OK, mangled.StatusCode);
        Assert.Contains($"/public/reports/{id}", await mangled.Content.ReadAsStringAsync());
    }

    /// <summary>The page's HTML with the entities Blazor writes for Chinese text decoded.</summary>
    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private static async Task<JsonArray> ListAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/public/reports{query}"))!;
}
