using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Setup;
using Microsoft.EntityFrameworkCore;

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
        Assert.Contains("整体", (string?)Assert.Single(options["rounds"]!.AsArray())!["title"]);
        var units = (await anonymous.GetFromJsonAsync<JsonArray>("/api/public/units?q=卫生"))!;
        Assert.Equal([Api.HealthBureau], units.Select(u => (string?)u!["name"]));
        Assert.Empty((await anonymous.GetFromJsonAsync<JsonArray>("/api/public/units?q=教育"))!);
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

    [Fact]
    public async Task The_list_comes_a_page_at_a_time_newest_year_first_then_by_unit_with_the_total_of_the_filtered_list()
    {
        await PublishedRoundsAsync(12, 2025, 2024);
        var anonymous = await App.ClientForAsync(null);

        var pages = new List<JsonObject>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add((await anonymous.GetFromJsonAsync<JsonObject>($"/api/public/reports?pageSize=10&page={page}"))!);
        }

        Assert.All(pages, p => Assert.Equal(24, (int)p["total"]!));
        Assert.Equal([1, 2, 3], pages.Select(p => (int)p["pageNumber"]!));
        Assert.All(pages, p => Assert.Equal(10, (int)p["pageSize"]!));
        Assert.Equal([10, 10, 4], pages.Select(p => p["items"]!.AsArray().Count));
        var rows = pages.SelectMany(p => p["items"]!.AsArray()).Select(r => ((int)r!["fiscalYear"]!, (string)r["unitName"]!)).ToList();
        var expected = new[] { 2025, 2024 }.SelectMany(year => Enumerable.Range(1, 12).Select(n => (year, UnitName(n)))).ToList();
        Assert.Equal(expected, rows);

        var filtered = (await anonymous.GetFromJsonAsync<JsonObject>("/api/public/reports?year=2024&q=分页单位0&pageSize=5&page=2"))!;
        Assert.Equal(9, (int)filtered["total"]!);
        Assert.Equal([UnitName(6), UnitName(7), UnitName(8), UnitName(9)],
            filtered["items"]!.AsArray().Select(r => (string?)r!["unitName"]));
        Assert.All(filtered["items"]!.AsArray(), r => Assert.Equal(2024, (int)r!["fiscalYear"]!));

        var beyond = (await anonymous.GetFromJsonAsync<JsonObject>("/api/public/reports?page=9"))!;
        Assert.Equal(24, (int)beyond["total"]!);
        Assert.Empty(beyond["items"]!.AsArray());

        var options = (await anonymous.GetFromJsonAsync<JsonObject>("/api/public/reports/options"))!;
        Assert.Equal([2025, 2024], options["years"]!.AsArray().Select(y => (int)y!));
        Assert.Equal(2, options["rounds"]!.AsArray().Count);
        Assert.Equal([UnitName(10), UnitName(11), UnitName(12)],
            (await anonymous.GetFromJsonAsync<JsonArray>("/api/public/units?q=分页单位1"))!.Select(u => (string?)u!["name"]));
    }

    [Theory]
    [InlineData("page=0", "页码")]
    [InlineData("page=abc", "页码")]
    [InlineData("pageSize=0", "每页条数")]
    [InlineData("pageSize=201", "每页条数")]
    [InlineData("page=1&pageSize=x", "每页条数")]
    public async Task A_bad_page_is_refused_in_Chinese(string query, string reason)
    {
        var response = await (await App.ClientForAsync(null)).GetAsync($"/api/public/reports?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await Api.ProblemDetailAsync(response));
    }

    [Fact]
    public async Task The_portal_page_shows_one_page_with_the_total_and_a_pager_that_keeps_the_filters()
    {
        await PublishedRoundsAsync(25, 2025);
        var anonymous = await App.ClientForAsync(null);

        var first = await PageAsync(anonymous, "/public?q=分页单位");
        Assert.Contains("共 25 份报告，第 1/2 页", first);
        Assert.Contains(UnitName(20), first);
        Assert.DoesNotContain(UnitName(21), first);
        Assert.Matches("href=\"/public\\?q=[^\"&]+&page=2\"", first);

        var second = await PageAsync(anonymous, "/public?q=分页单位&page=2");
        Assert.Contains("共 25 份报告，第 2/2 页", second);
        Assert.Contains(UnitName(25), second);
        Assert.DoesNotContain(UnitName(20), second);

        var unit = await App.WithDbAsync(db => db.BudgetUnits.SingleAsync(u => u.Name == UnitName(3)));
        var oneUnit = await PageAsync(anonymous, $"/public?unitId={unit.Id}");
        Assert.Contains($"单位：{UnitName(3)}", oneUnit);
        Assert.Contains("共 1 份报告", oneUnit);
        Assert.DoesNotContain("<option value=\"" + unit.Id, oneUnit);
    }

    private static string UnitName(int n) => $"分页单位{n:00}";

    /// <summary>
    /// <paramref name="units"/> new units of the demo bureau, a round over them for each year, and every evaluation of those
    /// rounds published straight in the database (with the listing columns the act would copy): far quicker than filing
    /// each one through the workflow.
    /// </summary>
    private async Task PublishedRoundsAsync(int units, params int[] years)
    {
        var bureauId = await App.WithDbAsync(db => db.BudgetUnits.Where(u => u.Name == Api.HealthBureau).Select(u => u.FinanceBureauId).SingleAsync());
        var ids = await App.WithDbAsync(async db =>
        {
            var created = Enumerable.Range(1, units).Select(n => new BudgetUnit(UnitName(n), bureauId)).ToList();
            db.BudgetUnits.AddRange(created);
            await db.SaveChangesAsync();
            return created.Select(u => u.Id).ToList();
        });
        var admin = await App.ClientForAsync("admin1");
        foreach (var year in years)
        {
            var title = $"{year}年度部门整体支出绩效自评（分页）";
            var response = await admin.PostAsJsonAsync("/api/rounds", new
            {
                title, fiscalYear = year, submissionDeadline = $"{year + 1}-04-30",
                workflowDefinitionKey = "default", unitIds = ids,
            });
            response.EnsureSuccessStatusCode();
            var roundId = (Guid)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
            await App.WithDbAsync(db => db.Evaluations.Where(e => e.RoundId == roundId).ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Stage, Stages.Published).SetProperty(e => e.PublishedAtUtc, DateTime.UtcNow)
                // what the publishing act copies for the public list
                .SetProperty(e => e.ListedFiscalYear, year).SetProperty(e => e.ListedRoundTitle, title)
                .SetProperty(e => e.ListedUnitName, e => db.BudgetUnits.Where(u => u.Id == e.UnitId).Select(u => u.Name).First())));
        }
    }

    /// <summary>The page's HTML with its entities decoded (&amp; in links; characters outside the encoder's allowed ranges).</summary>
    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    private static async Task<JsonArray> ListAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/public/reports{query}"))!["items"]!.AsArray();
}
