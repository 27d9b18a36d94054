using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Web.Tests;
using Microsoft.Playwright;
using static EvalWorkflow.EndToEnd.Tests.EvaluationScreen;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

/// <summary>
/// Issue 13, point 3: a reviewer sees what colleagues claimed, hands a task over (转交) with both seeing it in the
/// history, the task comes back to the same reviewer after a return, and the inbox filters and sorts on the server.
/// </summary>
public sealed class TaskListInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Education = "示例市教育局";

    [Fact]
    public async Task A_colleagues_claim_is_visible_a_task_is_handed_over_and_comes_back_to_the_same_reviewer()
    {
        var health = await SignedAsync("filer1", Api.HealthBureau);
        var education = await SignedAsync("filer3", Education);

        // reviewer1 claims the health bureau's; reviewer2 sees only the education bureau's until asking for colleagues' too.
        var reviewer1 = await fixture.SignInAsync("reviewer1");
        await BrowserFixture.GotoAsync(reviewer1, $"/evaluations/{health}");
        await ActAsync(reviewer1, "Claim");
        var reviewer2 = await fixture.SignInAsync("reviewer2");
        var todo = reviewer2.GetByTestId("todo-table");
        await Expect(todo.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(todo).ToContainTextAsync(Education);
        await reviewer2.GetByTestId("todo-colleagues").ClickAsync();
        await Expect(todo.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(todo.Locator("tbody tr").Filter(new() { HasText = Api.HealthBureau }).GetByTestId("todo-claimed")).ToHaveTextAsync("陈静已认领");

        // Sorted by unit on the server, both ways; nothing is overdue today.
        await todo.Locator(".mud-table-sort-label").Filter(new() { HasText = "单位" }).ClickAsync();
        await Expect(todo.Locator("tbody tr").First).ToContainTextAsync(Api.HealthBureau);
        await todo.Locator(".mud-table-sort-label").Filter(new() { HasText = "单位" }).ClickAsync();
        await Expect(todo.Locator("tbody tr").First).ToContainTextAsync(Education);
        await reviewer2.GetByTestId("todo-overdue").ClickAsync();
        await Expect(todo).ToContainTextAsync("暂无待办事项");

        // 转交: reviewer1 hands it to reviewer2 with a note; both see it in the history; reviewer2 is told and may act.
        await reviewer1.GetByTestId("hand-over-open").ClickAsync();
        await reviewer1.GetByTestId("hand-over-to").SelectOptionAsync(new SelectOptionValue { Label = "刘洋" });
        await Field(reviewer1, "hand-over-comment", "input").FillAsync("我下周出差，请接手");
        await reviewer1.GetByTestId("hand-over-confirm").ClickAsync();
        await Expect(reviewer1.GetByTestId("claimed-by")).ToHaveTextAsync("认领人：刘洋");
        await Expect(reviewer1.GetByTestId("act-Approve")).ToHaveCountAsync(0);
        await Expect(reviewer1.GetByTestId("history")).ToContainTextAsync("由陈静转交给刘洋：我下周出差，请接手");
        await BrowserFixture.GotoAsync(reviewer2, $"/evaluations/{health}");
        await Expect(reviewer2.GetByTestId("history")).ToContainTextAsync("由陈静转交给刘洋：我下周出差，请接手");
        await Expect(reviewer2.GetByTestId("act-Approve")).ToBeEnabledAsync();
        await Expect(reviewer2.GetByTestId("unread-count")).Not.ToHaveTextAsync("0");

        // Returned, fixed and signed again, it comes back to reviewer2 alone.
        await reviewer2.GetByTestId("act-Return").ClickAsync();
        await Field(reviewer2, "act-comment", "textarea").FillAsync("请补充绩效目标完成情况。");
        await reviewer2.GetByTestId("act-confirm").ClickAsync();
        await Expect(reviewer2.GetByTestId("stage")).ToHaveTextAsync("起草");
        await Expect(reviewer2.GetByTestId("claimed-by")).ToContainTextAsync("财政审核人：刘洋");
        var filer = await fixture.App.ClientForAsync("filer1");
        await Api.ActOkAsync(filer, health, "Submit");
        await Api.ActOkAsync(await fixture.App.ClientForAsync("head1"), health, "Sign", password: "Demo#2026");
        Assert.Equal("刘洋", (string?)(await Api.EvaluationAsync(filer, health))["claimedByName"]);
        var mine = await (await fixture.App.ClientForAsync("reviewer1")).GetFromJsonAsync<JsonObject>("/api/inbox/todo");
        Assert.DoesNotContain(mine!["items"]!.AsArray(), item => (string?)item!["evaluationId"] == health.ToString());
    }

    [Fact]
    public async Task The_date_picker_speaks_Chinese_starts_the_week_on_Monday_and_proposes_no_past_deadline()
    {
        var admin = await fixture.SignInAsync("admin1");
        await BrowserFixture.GotoAsync(admin, "/rounds");
        var input = admin.GetByLabel("提交截止日期");
        Assert.True(DateOnly.ParseExact(await input.InputValueAsync(), "yyyy-MM-dd") > DateOnly.FromDateTime(DateTime.Today));
        await input.ClickAsync();
        var picker = admin.Locator(".mud-picker-calendar-container").First;
        await Expect(picker).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "上个月" })).ToBeVisibleAsync();
        await Expect(picker.Locator(".mud-picker-calendar-header-day").First).ToHaveTextAsync("周一周二周三周四周五周六周日");
        await Expect(admin.Locator(".mud-picker-datepicker-toolbar")).ToContainTextAsync("年");
        await Expect(admin.Locator(".mud-picker-datepicker-toolbar")).ToContainTextAsync("星期");
        var text = await admin.Locator(".mud-picker-content").First.InnerTextAsync();
        Assert.DoesNotMatch("Mon|Tue|Wed|Thu|Fri|Sat|Sun|January|February|March|April|May|June|July|August|September|October|November|December", text);
    }

    /// <summary>The unit's overall evaluation, filled, submitted and signed through the API: in finance review, unclaimed.</summary>
    private async Task<Guid> SignedAsync(string filerName, string unit)
    {
        var filer = await fixture.App.ClientForAsync(filerName);
        var id = await Api.OverallEvaluationIdAsync(filer, unit);
        await Api.SaveSectionAsync(filer, id, "1", $"{unit}的主要职能。");
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        var head = filerName == "filer1" ? "head1" : "head3";
        await Api.ActOkAsync(await fixture.App.ClientForAsync(head), id, "Sign", password: "Demo#2026");
        return id;
    }
}
