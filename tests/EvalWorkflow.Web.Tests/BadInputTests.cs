using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EvalWorkflow.Web.Tests;

public sealed class BadInputTests : AppTest
{
    [Fact]
    public async Task Unknown_ids_and_acts_are_refused_clearly()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);

        Assert.Equal(HttpStatusCode.NotFound, (await filer.GetAsync($"/api/evaluations/{Guid.NewGuid()}")).StatusCode);
        var unknownAct = await Api.ActAsync(filer, id, "Dance", 1);
        Assert.Equal(HttpStatusCode.BadRequest, unknownAct.StatusCode);
        Assert.Contains("未知的操作", await Api.ProblemDetailAsync(unknownAct));
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_changes_nothing()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");
        var stale = await Api.ActAsync(filer, id, "Submit", await Api.VersionAsync(filer, id) - 1);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("该评价已被他人处理，请刷新后重试", await Api.ProblemDetailAsync(stale));
        Assert.Equal("Drafting", (string?)(await Api.EvaluationAsync(filer, id))["stage"]);
    }

    [Fact]
    public async Task Return_needs_a_comment_and_sign_needs_the_right_password()
    {
        var filer = await App.ClientForAsync("filer1");
        var head = await App.ClientForAsync("head1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        var version = await Api.VersionAsync(head, id);

        var noComment = await Api.ActAsync(head, id, "Return", version, comment: "  ");
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("必须填写意见", await Api.ProblemDetailAsync(noComment));

        var tooLong = await Api.ActAsync(head, id, "Return", version, comment: new string('长', 2001));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        var wrongPassword = await Api.ActAsync(head, id, "Sign", version, password: "wrong");
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Contains("密码不正确", await Api.ProblemDetailAsync(wrongPassword));

        var after = await Api.EvaluationAsync(head, id);
        Assert.Equal("AwaitingSignature", (string?)after["stage"]);
        Assert.Equal(version, (int)after["version"]!);
    }

    [Fact]
    public async Task A_stale_section_save_is_refused_with_the_newer_text()
    {
        var first = await App.ClientForAsync("filer1");
        var second = await App.ClientForAsync("filer2");
        var id = await Api.OverallEvaluationIdAsync(first);
        await Api.SaveSectionAsync(first, id, "7", "问题一");

        var response = await second.PutAsJsonAsync($"/api/evaluations/{id}/sections/7", new { markdown = "问题二", baseVersion = 0 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("问题一", (string?)problem!["current"]!["markdown"]);
        var section = (await Api.EvaluationAsync(first, id))["sections"]!.AsArray().Single(s => (string?)s!["code"] == "7")!;
        Assert.Equal("问题一", (string?)section["markdown"]);
    }

    [Fact]
    public async Task Over_long_section_text_is_refused()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var response = await filer.PutAsJsonAsync($"/api/evaluations/{id}/sections/1", new { markdown = new string('字', 50_001), baseVersion = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("内容过长", await Api.ProblemDetailAsync(response));
    }
}
