using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Content;

namespace EvalWorkflow.Web.Tests;

/// <summary>Saves that are odd but valid-looking: each is refused and changes nothing, or is a change like any other.</summary>
public sealed class StrictInputTests : AppTest
{
    [Fact]
    public async Task Reordering_the_project_tables_is_a_new_content_version()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var (version, content) = await Api.ReadContentAsync(filer, id);
        var second = content.Projects[0] with { Id = Guid.NewGuid(), ProjectName = "第二个项目" };
        var added = await Api.PutContentAsync(filer, id, version, content with { Projects = [.. content.Projects, second] });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var before = await Api.EvaluationAsync(filer, id);
        var (addedVersion, withTwo) = await Api.ReadContentAsync(filer, id);

        var reordered = await Api.PutContentAsync(filer, id, addedVersion, withTwo with { Projects = [.. withTwo.Projects.Reverse()] });

        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        var after = await Api.EvaluationAsync(filer, id);
        Assert.Equal((int)before["contentVersion"]! + 1, (int)after["contentVersion"]!);
        Assert.Equal((int)before["version"]! + 1, (int)after["version"]!);
        Assert.NotEqual((string?)before["contentSha256"], (string?)after["contentSha256"]);
        Assert.Equal(["第二个项目", content.Projects[0].ProjectName], (await Api.ReadContentAsync(filer, id)).Content.Projects.Select(p => p.ProjectName));
        Assert.Equal(HttpStatusCode.Conflict, (await Api.PutContentAsync(filer, id, addedVersion, withTwo)).StatusCode); // the older base is stale now
    }

    [Fact]
    public async Task A_reorder_raced_with_submit_never_leaves_content_other_than_what_was_signed()
    {
        var filer = await App.ClientForAsync("filer1");
        var head = await App.ClientForAsync("head1");
        var reviewer = await App.ClientForAsync("reviewer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");
        var (version, content) = await Api.ReadContentAsync(filer, id);
        var second = content.Projects[0] with { Id = Guid.NewGuid(), ProjectName = "第二个项目" };
        Assert.Equal(HttpStatusCode.OK, (await Api.PutContentAsync(filer, id, version, content with { Projects = [.. content.Projects, second] })).StatusCode);

        for (var round = 0; round < 12; round++)
        {
            await Api.CompleteContentAsync(filer, id);
            var (baseVersion, current) = await Api.ReadContentAsync(filer, id);
            var evaluationVersion = await Api.VersionAsync(filer, id);
            Task<HttpResponseMessage> Reorder() => Api.PutContentAsync(filer, id, baseVersion, current with { Projects = [.. current.Projects.Reverse()] });
            Task<HttpResponseMessage> Submit() => Api.ActAsync(filer, id, "Submit", evaluationVersion);
            Task<HttpResponseMessage> reorder, submit;
            if (round % 2 == 0)
            {
                (reorder, submit) = (Reorder(), Submit());
            }
            else
            {
                submit = Submit(); // the other one first, every other round
                reorder = Reorder();
            }

            await Task.WhenAll(reorder, submit);

            // Exactly one of the two is taken: each bumps the version the other was based on.
            Assert.True((await reorder).IsSuccessStatusCode ^ (await submit).IsSuccessStatusCode,
                $"round {round}: reorder {(int)(await reorder).StatusCode}, submit {(int)(await submit).StatusCode}");
            if ((await submit).IsSuccessStatusCode)
            {
                await Api.ActOkAsync(head, id, "Sign", password: "Demo#2026");
                var signed = await Api.EvaluationAsync(filer, id);
                Assert.True((bool)signed["signatureHolds"]!, $"round {round}: the content changed after it was signed");
                if ((string?)signed["claimedByName"] is null)
                {
                    await Api.ActOkAsync(reviewer, id, "Claim"); // once: the claim stays with the reviewer through the return
                }

                await Api.ActOkAsync(reviewer, id, "Return", comment: "再核对一次");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, (await submit).StatusCode); // the reorder won; the next round marks the tables again
            }
        }
    }

    [Fact]
    public async Task A_section_save_without_markdown_or_with_null_is_refused_by_name_and_the_text_stays()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");
        var section = (await Api.EvaluationAsync(filer, id))["sections"]!.AsArray().Single(s => (string?)s!["code"] == "1")!;
        var baseVersion = (int)section["version"]!;

        var missing = await filer.PutAsJsonAsync($"/api/evaluations/{id}/sections/1", new { baseVersion });
        var nulled = await filer.PutAsJsonAsync($"/api/evaluations/{id}/sections/1", new { markdown = (string?)null, baseVersion });
        var notJson = await filer.PutAsync($"/api/evaluations/{id}/sections/1", new StringContent("{\"markdown\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("缺少必填字段：markdown", await Api.ProblemDetailAsync(missing));
        Assert.Equal(HttpStatusCode.BadRequest, nulled.StatusCode);
        Assert.Contains("字段「markdown」不能为 null", await Api.ProblemDetailAsync(nulled));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("未做任何更改", await Api.ProblemDetailAsync(notJson));
        var after = (await Api.EvaluationAsync(filer, id))["sections"]!.AsArray().Single(s => (string?)s!["code"] == "1")!;
        Assert.Equal("基本情况", (string?)after["markdown"]);
        Assert.Equal(baseVersion, (int)after["version"]!);
    }

    [Theory]
    [InlineData("basic.lines", "字段「content.basic.lines」不能为 null")]
    [InlineData("basic.footer", "字段「content.basic.footer」不能为 null")]
    [InlineData("overall.indicators", "字段「content.overall.indicators」不能为 null")]
    [InlineData("overall.splits", "字段「content.overall.splits」不能为 null")]
    [InlineData("overall.goals", "字段「content.overall.goals」不能为 null")]
    [InlineData("overall.footer", "字段「content.overall.footer」不能为 null")]
    [InlineData("overall.indicators.0", "附件2 缺少 indicators")]
    [InlineData("basic.lines.0", "附件1 缺少 lines")]
    public async Task A_null_inside_a_content_save_is_refused_by_name_and_changes_nothing(string path, string message)
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var before = await Api.ContentAsync(filer, id);
        var document = before["content"]!.DeepClone();
        var steps = path.Split('.');
        var parent = steps[..^1].Aggregate(document, (node, step) => int.TryParse(step, out var i) ? node[i]! : node[step]!);
        if (int.TryParse(steps[^1], out var index))
        {
            parent.AsArray()[index] = null;
        }
        else
        {
            parent[steps[^1]] = null;
        }

        var saved = await filer.PutAsJsonAsync($"/api/evaluations/{id}/content",
            new JsonObject { ["baseVersion"] = (int)before["contentVersion"]!, ["content"] = document });

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains(message, await Api.ProblemDetailAsync(saved));
        var after = await Api.ContentAsync(filer, id);
        Assert.Equal((int)before["contentVersion"]!, (int)after["contentVersion"]!);
        Assert.Equal(before["content"]!.ToJsonString(), after["content"]!.ToJsonString());
    }

    [Fact]
    public async Task A_project_saved_under_another_tables_id_gets_its_own_and_the_other_table_is_untouched()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var view = await Api.ContentAsync(filer, id);
        var parts = view["parts"]!.AsArray().ToDictionary(p => (string)p!["kind"]!, p => Guid.Parse((string)p!["id"]!));
        var (version, content) = await Api.ReadContentAsync(filer, id);
        var project = content.Projects[0];

        foreach (var kind in new[] { "Basic", "Overall" })
        {
            var (current, now) = await Api.ReadContentAsync(filer, id);
            var saved = await Api.PutContentAsync(filer, id, current, now with
            {
                Projects = [.. now.Projects, project with { Id = parts[kind], ProjectName = $"冒用{kind}" }],
            });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var after = await Api.ContentAsync(filer, id);
        var read = after["content"].Deserialize<EvaluationContent>(Api.Json)!;
        Assert.Equal(content.Basic, read.Basic, new JsonEquality<BasicDataTable>());
        Assert.Equal(content.Overall, read.Overall, new JsonEquality<SelfEvaluationTable>());
        Assert.Equal([project.ProjectName, "冒用Basic", "冒用Overall"], read.Projects.Select(p => p.ProjectName));
        Assert.DoesNotContain(read.Projects, p => p.Id == parts["Basic"] || p.Id == parts["Overall"]);
        Assert.Equal(5, after["parts"]!.AsArray().Count);
        Assert.Equal(version + 2, (int)after["contentVersion"]!);
        Assert.Equal(HttpStatusCode.OK, (await filer.GetAsync($"/api/evaluations/{id}")).StatusCode);
    }

    private sealed class JsonEquality<T> : IEqualityComparer<T>
    {
        public bool Equals(T? x, T? y) => JsonSerializer.Serialize(x) == JsonSerializer.Serialize(y);

        public int GetHashCode(T obj) => JsonSerializer.Serialize(obj).GetHashCode(StringComparison.Ordinal);
    }
}
