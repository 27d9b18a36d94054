using EvalWorkflow.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static EvalWorkflow.EndToEnd.Tests.EvaluationScreen;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

public sealed class BoardInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string DiseaseControl = "示例市疾病预防控制中心";
    private const string Message = "请于本周五前提交疾控中心的绩效自评报告";

    [Fact]
    public async Task The_administrator_filters_the_overdue_units_reminds_them_and_the_filer_reads_the_reminder_under_notifications()
    {
        // admin1 opens the sub-unit round's board: the disease-control centre is overdue.
        var admin = await fixture.SignInAsync("admin1");
        await BrowserFixture.GotoAsync(admin, "/rounds");
        await admin.GetByTestId("round-table").Locator("tr", new() { HasText = "二级单位" })
            .GetByRole(AriaRole.Link, new() { Name = "进度" }).ClickAsync();
        await admin.WaitForURLAsync("**/rounds/**");
        await BrowserFixture.WaitInteractiveAsync(admin);
        await Expect(admin.GetByTestId("chart-stages")).ToBeVisibleAsync();

        // The filters: by stage (the counts per stage choose one), by unit name.
        await admin.GetByTestId("stage-count-AwaitingSignature").ClickAsync();
        await Expect(admin.Locator(".board-row")).ToHaveCountAsync(0);
        await admin.GetByTestId("stage-count-AwaitingSignature").ClickAsync();
        await Expect(admin.Locator(".board-row")).ToHaveCountAsync(1);
        await admin.GetByTestId("board-unit-filter").FillAsync("教育");
        await Expect(admin.Locator(".board-row")).ToHaveCountAsync(0);
        await admin.GetByTestId("board-unit-filter").FillAsync("疾病");
        await Expect(admin.Locator(".board-row")).ToHaveCountAsync(1);

        // Only the overdue units, one of them chosen, reminded with a message of the administrator's own.
        await admin.GetByTestId("board-overdue-filter").CheckAsync();
        var overdue = admin.Locator(".board-row-overdue");
        await Expect(overdue).ToHaveCountAsync(1);
        await Expect(admin.Locator(".board-row")).ToHaveCountAsync(1);
        await Expect(overdue).ToContainTextAsync(DiseaseControl);
        await Expect(overdue).ToContainTextAsync("逾期");
        await overdue.GetByTestId("board-select").CheckAsync();
        await Field(admin, "remind-message", "textarea").FillAsync(Message);
        await admin.GetByTestId("remind-send").ClickAsync();
        await Expect(admin.GetByTestId("board-notice")).ToHaveTextAsync("已向 1 个单位催报");

        // The unit's deadline is extended with a reason: it is no longer overdue, so the filter hides it.
        await overdue.GetByTestId("extend-unit").ClickAsync();
        await Expect(admin.GetByTestId("extend-form")).ToContainTextAsync($"延长 {DiseaseControl} 的提交截止日期");
        await Field(admin, "extend-reason", "textarea").FillAsync("疾控中心应急任务繁重，同意延期");
        await admin.GetByTestId("extend-save").ClickAsync();
        await Expect(admin.GetByTestId("board-notice")).ToContainTextAsync("提交截止日期已延至");
        await Expect(admin.Locator(".board-row")).ToHaveCountAsync(0);

        // filer4, who holds the centre's evaluation, finds the 催报 under 通知 once it is delivered.
        var filer4 = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "filer4").Select(u => u.Id).SingleAsync());
        await Api.EventuallyAsync(() => fixture.App.WithDbAsync(db =>
            db.Notifications.AnyAsync(n => n.UserId == filer4 && n.Body.Contains(Message))), "the 催报 to reach filer4");
        var filer = await fixture.SignInAsync("filer4");
        await OpenTabAsync(filer, "通知");
        await Expect(filer.GetByTestId("notification-list")).ToContainTextAsync(Message);
        await Expect(filer.GetByTestId("notification-list")).ToContainTextAsync("财政局催报");
    }
}
