using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

public sealed class AuthorisationTests : AppTest
{
    [Fact]
    public async Task A_filer_of_another_unit_can_neither_see_nor_change_an_evaluation()
    {
        var id = await Api.OverallEvaluationIdAsync(await App.ClientForAsync("filer1"));
        var stranger = await App.ClientForAsync("filer3");
        var before = await App.WithDbAsync(db => db.ReportSections.Where(s => s.EvaluationId == id && s.Code == "1").Select(s => s.Markdown).SingleAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/evaluations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.ActAsync(stranger, id, "Submit", 1)).StatusCode);
        var edit = await stranger.PutAsJsonAsync($"/api/evaluations/{id}/sections/1", new { markdown = "篡改", baseVersion = 0 });
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.DoesNotContain(id.ToString(), await stranger.GetStringAsync("/api/inbox"));
        Assert.Equal(before, await App.WithDbAsync(db => db.ReportSections.Where(s => s.EvaluationId == id && s.Code == "1").Select(s => s.Markdown).SingleAsync()));
    }

    [Fact]
    public async Task A_unit_head_cannot_submit_and_a_filer_cannot_sign()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");

        var headSubmits = await Api.ActAsync(await App.ClientForAsync("head1"), id, "Submit", await Api.VersionAsync(filer, id));
        Assert.Equal(HttpStatusCode.Conflict, headSubmits.StatusCode);
        Assert.Contains("填表人", await Api.ProblemDetailAsync(headSubmits));

        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        var filerSigns = await Api.ActAsync(filer, id, "Sign", await Api.VersionAsync(filer, id), password: "Demo#2026");
        Assert.Equal(HttpStatusCode.Conflict, filerSigns.StatusCode);
        Assert.Contains("单位负责人", await Api.ProblemDetailAsync(filerSigns));
    }

    [Fact]
    public async Task The_api_answers_401_without_a_sign_in_and_pages_redirect_to_login()
    {
        var anonymous = await App.ClientForAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/inbox")).StatusCode);
        var page = await anonymous.GetAsync("/rounds");
        Assert.True(page.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_background_jobs_dashboard_is_for_finance_administrators_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await App.ClientForAsync(null)).GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientForAsync("filer1")).GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientForAsync("reviewer1")).GetAsync("/hangfire")).StatusCode);
        var admin = await (await App.ClientForAsync("admin1")).GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("后台任务", await admin.Content.ReadAsStringAsync());
    }
}
