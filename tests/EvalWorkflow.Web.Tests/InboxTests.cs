using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Workflows.Setup;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

public sealed class InboxTests : AppTest
{
    [Fact]
    public async Task The_todo_list_pages_sorts_and_searches_in_the_database_with_the_total()
    {
        var admin = await App.ClientForAsync("admin1");
        var education = await App.WithDbAsync(db => db.BudgetUnits.Where(u => u.Name == DemoData.EducationBureauName).Select(u => u.Id).SingleAsync());
        for (var n = 1; n <= 25; n++)
        {
            var created = await admin.PostAsJsonAsync("/api/rounds", new
            {
                title = $"2025年度项目支出绩效自评（第{n:D2}批）", fiscalYear = 2025, submissionDeadline = new DateOnly(2027, 1, 1).AddDays(n),
                workflowDefinitionKey = "default", unitIds = new[] { education },
            });
            created.EnsureSuccessStatusCode();
        }

        var filer = await App.ClientForAsync("filer3");
        var all = (await filer.GetFromJsonAsync<JsonObject>("/api/inbox/todo?pageSize=200"))!;
        var total = (int)all["total"]!;
        var byDue = (await filer.GetFromJsonAsync<JsonObject>($"/api/inbox/todo?page={(total - 1) / 10 + 1}&pageSize=10"))!;
        var searched = (await filer.GetFromJsonAsync<JsonObject>("/api/inbox/todo?q=第1&sort=round"))!;
        var summary = (await filer.GetFromJsonAsync<JsonObject>("/api/inbox?pageSize=5"))!;

        static string[] Rounds(JsonObject page) => page["items"]!.AsArray().Select(t => (string)t!["roundTitle"]!).ToArray();
        Assert.True(total >= 25);
        Assert.Equal(Rounds(all).Length, total);
        // The earliest due first: the last page ends with the latest of the 25.
        Assert.Equal("2025年度项目支出绩效自评（第25批）", Rounds(byDue)[^1]);
        Assert.Equal(Enumerable.Range(10, 10).Select(n => $"2025年度项目支出绩效自评（第{n}批）"), Rounds(searched));
        Assert.Equal(10, (int)searched["total"]!);
        Assert.Equal(5, summary["todo"]!["items"]!.AsArray().Count);
        Assert.Equal(total, (int)summary["todo"]!["total"]!);

        var bad = await filer.GetAsync("/api/inbox/todo?pageSize=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("每页条数", await Api.ProblemDetailAsync(bad));
        var notANumber = await filer.GetAsync("/api/inbox/todo?page=abc");
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Contains("页码", await Api.ProblemDetailAsync(notANumber));
    }

    [Fact]
    public async Task The_done_list_shows_each_evaluation_once_with_the_persons_last_act_newest_first()
    {
        var id = await SignedEvaluationAsync();
        var filer = await App.ClientForAsync("filer1");
        var head = await App.ClientForAsync("head1");

        var filerDone = (await filer.GetFromJsonAsync<JsonObject>("/api/inbox/done"))!;
        var headDone = (await head.GetFromJsonAsync<JsonObject>("/api/inbox/done?q=卫生"))!;
        var nobody = (await head.GetFromJsonAsync<JsonObject>("/api/inbox/done?q=教育"))!;

        var filerRow = Assert.Single(filerDone["items"]!.AsArray())!;
        Assert.Equal(id, (Guid)filerRow["evaluationId"]!);
        Assert.Equal("提交", (string?)filerRow["lastActLabel"]); // saving content is no act; the submission is the last one
        Assert.Equal("财政审核", (string?)filerRow["currentStageName"]);
        Assert.Equal("签字", (string?)Assert.Single(headDone["items"]!.AsArray())!["lastActLabel"]);
        Assert.Equal(0, (int)nobody["total"]!);
    }
}
