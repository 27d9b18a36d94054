using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Content;

namespace EvalWorkflow.Web.Tests;

public sealed class ContentApiTests : AppTest
{
    [Fact]
    public async Task The_content_comes_with_its_findings_total_and_grade()
    {
        var filer = await App.ClientForAsync("filer1");
        var view = await Api.ContentAsync(filer, await Api.OverallEvaluationIdAsync(filer));

        Assert.Equal(99.60m, (decimal)view["report"]!["overall"]!["total"]!);
        Assert.Equal("Excellent", (string?)view["report"]!["overall"]!["grade"]);
        Assert.DoesNotContain(view["report"]!["findings"]!.AsArray(), f => (string?)f!["severity"] == "Error");
        Assert.Equal(3, view["parts"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_put_returns_the_checks_and_submit_is_refused_while_a_sum_is_wrong()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var (version, content) = await Api.ReadContentAsync(filer, id);
        var lines = content.Basic.Lines.Select(l => l.Code == "2" ? l with { CurrentActual = 9679.60m } : l).ToList();

        var saved = await Api.PutContentAsync(filer, id, version, content with { Basic = content.Basic with { Lines = lines } });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var findings = (await saved.Content.ReadFromJsonAsync<JsonObject>())!["report"]!["findings"]!.AsArray();
        var sum = Assert.Single(findings, f => (int)f!["rule"]! == 1);
        Assert.Equal("附件1 项目支出 本年决算数：分项合计 9676.60，填报 9679.60，差 3.00", (string?)sum!["message"]);
        Assert.Equal("CurrentActual", (string?)sum["at"]!["column"]);

        await Api.CompleteContentAsync(filer, id);
        var submit = await Api.ActAsync(filer, id, "Submit", await Api.VersionAsync(filer, id));
        Assert.Equal(HttpStatusCode.Conflict, submit.StatusCode);
        Assert.Contains("分项合计 9676.60，填报 9679.60", await Api.ProblemDetailAsync(submit));
    }

    [Fact]
    public async Task A_put_based_on_an_older_version_or_with_an_unknown_indicator_group_changes_nothing()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var (version, content) = await Api.ReadContentAsync(filer, id);

        var stale = await Api.PutContentAsync(filer, id, version - 1, content);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("内容已被他人修改", await Api.ProblemDetailAsync(stale));

        var odd = content.Overall.Indicators.Select((l, i) => i == 0 ? l with { Level1 = "其他指标" } : l).ToList();
        var badShape = await Api.PutContentAsync(filer, id, version, content with { Overall = content.Overall with { Indicators = odd } });
        Assert.Equal(HttpStatusCode.BadRequest, badShape.StatusCode);
        Assert.Contains("一级指标「其他指标」不在模板中", await Api.ProblemDetailAsync(badShape));

        var (after, unchanged) = await Api.ReadContentAsync(filer, id);
        Assert.Equal(version, after);
        Assert.Equal(JsonSerializer.Serialize(content, Api.Json), JsonSerializer.Serialize(unchanged, Api.Json));
    }

    [Fact]
    public async Task A_filer_given_a_project_table_fills_and_readies_only_that_table()
    {
        var lead = await App.ClientForAsync("filer1");
        var helper = await App.ClientForAsync("filer2");
        var id = await Api.OverallEvaluationIdAsync(lead);
        var view = await Api.ContentAsync(lead, id);
        var project = view["parts"]!.AsArray().Single(p => (string?)p!["kind"] == "Project")!;
        var projectId = (string)project["id"]!;
        var filer2 = view["filers"]!.AsArray().Single(f => (string?)f!["name"] == "李娜")!;

        var assigned = await lead.PostAsJsonAsync($"/api/evaluations/{id}/parts/{projectId}/assignee",
            new { version = await Api.VersionAsync(lead, id), filerId = (string?)filer2["id"] });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        // She is told, with a link to the evaluation.
        var notices = (await helper.GetFromJsonAsync<JsonObject>("/api/inbox/notifications"))!["items"]!.AsArray();
        var notice = Assert.Single(notices, n => ((string?)n!["title"])!.Contains("分给您一张附表"))!;
        Assert.Equal(id.ToString(), (string?)notice["evaluationId"]);
        Assert.Contains("张晓明", (string?)notice["body"]);

        var (version, content) = await Api.ReadContentAsync(helper, id);
        var renamed = content with { Projects = [content.Projects[0] with { ImplementingUnit = "示例市计划生育协会" }] };
        Assert.Equal(HttpStatusCode.OK, (await Api.PutContentAsync(helper, id, version, renamed)).StatusCode);

        (version, content) = await Api.ReadContentAsync(helper, id);
        var overall = content with { Overall = content.Overall with { Goals = new AnnualGoals("改写", "改写") } };
        var refused = await Api.PutContentAsync(helper, id, version, overall);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("附件2 整体支出绩效自评表由 张晓明 填报", await Api.ProblemDetailAsync(refused));

        var leadMarks = await lead.PostAsJsonAsync($"/api/evaluations/{id}/parts/{projectId}/ready",
            new { version = await Api.VersionAsync(lead, id), ready = true });
        Assert.Equal(HttpStatusCode.Conflict, leadMarks.StatusCode);
        Assert.Contains("只有其本人可以标记完成", await Api.ProblemDetailAsync(leadMarks));
        var helperMarks = await helper.PostAsJsonAsync($"/api/evaluations/{id}/parts/{projectId}/ready",
            new { version = await Api.VersionAsync(helper, id), ready = true });
        Assert.Equal(HttpStatusCode.OK, helperMarks.StatusCode);
        var helperCannotMarkBasic = await helper.PostAsJsonAsync(
            $"/api/evaluations/{id}/parts/{(string?)view["parts"]!.AsArray().Single(p => (string?)p!["kind"] == "Basic")!["id"]}/ready",
            new { version = await Api.VersionAsync(helper, id), ready = true });
        Assert.Equal(HttpStatusCode.Conflict, helperCannotMarkBasic.StatusCode);
    }

    [Fact]
    public async Task Another_units_filer_and_a_unit_head_cannot_change_the_content()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var (version, content) = await Api.ReadContentAsync(filer, id);

        var stranger = await App.ClientForAsync("filer3");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/evaluations/{id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.PutContentAsync(stranger, id, version, content)).StatusCode);

        var head = await App.ClientForAsync("head1");
        var headPut = await Api.PutContentAsync(head, id, version, content with { Overall = content.Overall with { Goals = new AnnualGoals("改", "改") } });
        Assert.Equal(HttpStatusCode.Conflict, headPut.StatusCode);
        Assert.Contains("只有本单位的填表人", await Api.ProblemDetailAsync(headPut));
    }

    [Fact]
    public async Task Sections_drafted_from_the_tables_carry_their_figures_and_a_figure_edited_away_from_them_is_flagged()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var (version, _) = await Api.ReadContentAsync(filer, id);

        var drafted = await filer.PostAsJsonAsync($"/api/evaluations/{id}/sections/draft", new { baseVersion = version });

        Assert.Equal(HttpStatusCode.OK, drafted.StatusCode);
        var view = (await drafted.Content.ReadFromJsonAsync<JsonObject>())!;
        var section2 = (string)view["content"]!["sections"]!.AsArray().Single(s => (string?)s!["code"] == "2")!["markdown"]!;
        Assert.Contains("一般公共预算支出 11925.00 万元", section2);
        Assert.Contains("其中公用经费 448.72 万元", section2);
        Assert.DoesNotContain(view["report"]!["findings"]!.AsArray(), f => (int)f!["rule"]! == 9);

        await Api.SaveSectionAsync(filer, id, "2", section2.Replace("448.72", "448.27", StringComparison.Ordinal));
        var findings = (await Api.ContentAsync(filer, id))["report"]!["findings"]!.AsArray();
        var mismatch = Assert.Single(findings, f => (int)f!["rule"]! == 9);
        Assert.Contains("正文中公用经费 448.27 万元，附表为 448.72 万元", (string?)mismatch!["message"]);
    }
}
