using Microsoft.Playwright;
using static EvalWorkflow.EndToEnd.Tests.EvaluationScreen;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

public sealed class WholeWayInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Demo#2026";

    [Fact]
    public async Task A_report_is_drafted_signed_returned_fixed_approved_published_and_read_by_the_public()
    {
        // filer1 writes a section, marks the (demo-filled) tables complete and submits.
        var filer = await fixture.SignInAsync("filer1");
        await Expect(filer.GetByTestId("todo-table")).ToContainTextAsync("示例市卫生健康局");
        await filer.GetByTestId("todo-table").GetByRole(AriaRole.Link, new() { Name = "办理" }).First.ClickAsync();
        await filer.WaitForURLAsync("**/evaluations/**");
        await BrowserFixture.WaitInteractiveAsync(filer);
        var evaluationUrl = new Uri(filer.Url).PathAndQuery;
        await WriteSectionAsync(filer, "1", "示例市卫生健康局负责全市卫生健康工作，内设科室 22 个。");
        await MarkAllTablesReadyAsync(filer);
        await ActAsync(filer, "Submit");
        await Expect(filer.GetByTestId("stage")).ToHaveTextAsync("待单位负责人签字");
        await BrowserFixture.GotoAsync(filer, "/");

        // head1 signs, entering the password again.
        var head = await fixture.SignInAsync("head1");
        await SignAsync(head, evaluationUrl);

        // reviewer1 claims and returns with a comment and a comment pinned to an indicator.
        var reviewer = await fixture.SignInAsync("reviewer1");
        await BrowserFixture.GotoAsync(reviewer, evaluationUrl);
        await ActAsync(reviewer, "Claim");
        await Expect(reviewer.GetByText("认领人：陈静")).ToBeVisibleAsync();
        await reviewer.GetByTestId("act-Return").ClickAsync();
        await Field(reviewer, "act-comment", "textarea").FillAsync("机构设置情况不完整，请补充二级机构。");
        await reviewer.GetByTestId("pin-add").ClickAsync();
        await reviewer.GetByTestId("pin-target").SelectOptionAsync(new SelectOptionValue { Label = "附件2 第2行「家庭医生签约人数」" });
        await reviewer.GetByTestId("pin-text").FillAsync("签约人数请与统计年报核对");
        await reviewer.GetByTestId("act-confirm").ClickAsync();
        await Expect(reviewer.GetByTestId("stage")).ToHaveTextAsync("起草");

        // filer1's open page learns of it live; the comment is in the history; the filer fixes and resubmits.
        await Expect(filer.GetByTestId("unread-count")).Not.ToHaveTextAsync("0");
        await BrowserFixture.GotoAsync(filer, evaluationUrl);
        await Expect(filer.GetByTestId("history-comment").First).ToHaveTextAsync("机构设置情况不完整，请补充二级机构。");
        await Expect(filer.GetByTestId("return-pins")).ToContainTextAsync("附件2 第2行「家庭医生签约人数」：签约人数请与统计年报核对");
        await Expect(filer.GetByTestId("signature")).ToHaveCountAsync(0);
        await WriteSectionAsync(filer, "1", "示例市卫生健康局负责全市卫生健康工作，内设科室 22 个，二级机构 5 个。");
        await ActAsync(filer, "Submit");
        await Expect(filer.GetByTestId("stage")).ToHaveTextAsync("待单位负责人签字");

        // head1 signs again; it comes back to reviewer1, who returned it (no second claim) and approves; admin1 publishes.
        await SignAsync(head, evaluationUrl);
        await BrowserFixture.GotoAsync(reviewer, evaluationUrl);
        await Expect(reviewer.GetByTestId("claimed-by")).ToHaveTextAsync("认领人：陈静");
        await ActAsync(reviewer, "Approve");
        await Expect(reviewer.GetByTestId("stage")).ToHaveTextAsync("已审核通过");
        var admin = await fixture.SignInAsync("admin1");
        await BrowserFixture.GotoAsync(admin, evaluationUrl);
        await ActAsync(admin, "Publish");
        await Expect(admin.GetByTestId("stage")).ToHaveTextAsync("已公开");
        await Expect(admin.GetByTestId("history")).ToContainTextAsync("公开");
        await admin.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await admin.WaitForURLAsync("**/login");

        // An anonymous visitor finds the report on the public page.
        var visitor = await (await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl })).NewPageAsync();
        await visitor.GotoAsync("/public");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "示例市卫生健康局" }).ClickAsync();
        await Expect(visitor.GetByTestId("public-report")).ToContainTextAsync("二级机构 5 个");
        await Expect(visitor.GetByTestId("public-report")).ToContainTextAsync("单位负责人签字：王建国");
    }

    private static async Task SignAsync(IPage head, string evaluationUrl)
    {
        await BrowserFixture.GotoAsync(head, evaluationUrl);
        await head.GetByTestId("act-Sign").ClickAsync();
        await Field(head, "act-password", "input").FillAsync(Password);
        await head.GetByTestId("act-confirm").ClickAsync();
        await Expect(head.GetByTestId("stage")).ToHaveTextAsync("财政审核");
        await Expect(head.GetByTestId("signature")).ToContainTextAsync("王建国");
    }
}
