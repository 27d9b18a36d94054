using EvalWorkflow.Web.Tests;
using Microsoft.Playwright;
using static EvalWorkflow.EndToEnd.Tests.EvaluationScreen;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

/// <summary>
/// Issue 13, points 1 and 2: every act that cannot simply be undone asks first and saying no changes nothing; deleting
/// a filled line or a project table asks too; the page follows the act without a reload.
/// </summary>
public sealed class SafeActsInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Each_irreversible_act_asks_first_cancelling_changes_nothing_and_the_page_follows_the_act()
    {
        var api = await fixture.App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(api);
        await Api.CompleteContentAsync(api, id);
        var url = $"/evaluations/{id}";

        var filer = await fixture.SignInAsync("filer1");
        await BrowserFixture.GotoAsync(filer, url);
        await CancelAsync(filer, "Submit", "提交后内容只读", id);
        await Expect(filer.GetByTestId("stage")).ToHaveTextAsync("起草");

        // Deleting a filled indicator line asks; a project table too.
        await OpenTabAsync(filer, "附件2 整体支出");
        var lines = filer.GetByRole(AriaRole.Button, new() { Name = "删除该指标" });
        await Expect(lines.First).ToBeVisibleAsync();
        var count = await lines.CountAsync();
        await lines.First.ClickAsync();
        await AnswerAsync(filer, "删除指标", "取消");
        await Expect(lines).ToHaveCountAsync(count);
        await OpenTabAsync(filer, "填报分工");
        var projects = await filer.GetByRole(AriaRole.Tab).Filter(new() { HasText = "附件3" }).CountAsync();
        // While the new table is unsaved (until the autosave, 2 s after the last change) no act may be taken: the act
        // would not carry it. The state passes by itself, so the page records whether it was shown.
        await filer.EvaluateAsync(BlockedWatch);
        await filer.GetByTestId("add-project").ClickAsync();
        var project = filer.GetByRole(AriaRole.Tab, new() { Name = $"附件3 项目{projects + 1}" });
        await Expect(project).ToBeVisibleAsync();
        await project.ClickAsync();
        await filer.GetByTestId("remove-project").ClickAsync();
        await AnswerAsync(filer, "删除项目表", "取消");
        await Expect(project).ToBeVisibleAsync();
        await filer.GetByTestId("remove-project").ClickAsync();
        await AnswerAsync(filer, "删除项目表", "删除");
        await Expect(project).ToHaveCountAsync(0);
        await Expect(filer.GetByTestId("content-autosaved")).ToBeVisibleAsync();
        await Expect(filer.GetByTestId("act-blocked")).ToHaveCountAsync(0);
        Assert.True(await filer.EvaluateAsync<bool>("() => window.__blockedSeen"), "acts were not held back while the tables were unsaved");

        // After 提交 the tables are read-only at once; after 撤回 editable again, both without a reload.
        await ActAsync(filer, "Submit");
        await Expect(filer.GetByTestId("stage")).ToHaveTextAsync("待单位负责人签字");
        await Expect(filer.GetByTestId("content-save")).ToHaveCountAsync(0);
        await Expect(filer.GetByTestId("tables-upload")).ToHaveCountAsync(0);
        await OpenTabAsync(filer, "附件2 整体支出");
        await Expect(filer.GetByRole(AriaRole.Button, new() { Name = "删除该指标" })).ToHaveCountAsync(0);
        await CancelAsync(filer, "Withdraw", "撤回后评价回到草稿", id);
        await ActAsync(filer, "Withdraw");
        await Expect(filer.GetByTestId("stage")).ToHaveTextAsync("起草");
        await Expect(filer.GetByTestId("content-save")).ToBeVisibleAsync();
        await Expect(filer.GetByRole(AriaRole.Button, new() { Name = "删除该指标" }).First).ToBeVisibleAsync();
        await ActAsync(filer, "Submit");
        await Api.ActOkAsync(await fixture.App.ClientForAsync("head1"), id, "Sign", password: "Demo#2026");

        // 审核通过 asks, and while it asks 退回 cannot be pressed beside it; an approval may carry a comment.
        var reviewer = await fixture.SignInAsync("reviewer1");
        await BrowserFixture.GotoAsync(reviewer, url);
        await ActAsync(reviewer, "Claim");
        await reviewer.GetByTestId("act-Approve").ClickAsync();
        await Expect(reviewer.GetByTestId("act-Return")).ToBeDisabledAsync();
        await CancelAsync(reviewer, null, "审核通过后不能再退回", id);
        await reviewer.GetByTestId("act-Approve").ClickAsync();
        await Field(reviewer, "act-comment", "textarea").FillAsync("材料齐全，数据与决算一致。");
        await reviewer.GetByTestId("act-confirm").ClickAsync();
        await Expect(reviewer.GetByTestId("stage")).ToHaveTextAsync("已审核通过");
        await Expect(reviewer.GetByTestId("history-comment").First).ToHaveTextAsync("材料齐全，数据与决算一致。");

        // 公开 asks; saying no leaves the report off the portal.
        var admin = await fixture.SignInAsync("admin1");
        await BrowserFixture.GotoAsync(admin, url);
        await CancelAsync(admin, "Publish", "公开后报告立即出现在公开门户上", id);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await (await fixture.App.ClientForAsync(null)).GetAsync($"/api/public/reports/{id}")).StatusCode);
        await ActAsync(admin, "Publish");
        await Expect(admin.GetByTestId("stage")).ToHaveTextAsync("已公开");
    }

    private const string BlockedWatch = """
        () => {
            window.__blockedSeen = false;
            new MutationObserver(() => {
                if (document.querySelector('[data-testid=act-blocked]') && document.querySelector('[data-testid=act-Submit]')?.disabled) {
                    window.__blockedSeen = true;
                }
            }).observe(document.body, { childList: true, subtree: true, attributes: true });
        }
        """;

    /// <summary>
    /// Opens the act's confirmation (when <paramref name="act"/> is given), checks that it says what follows, and cancels:
    /// the evaluation's version is as before.
    /// </summary>
    private async Task CancelAsync(IPage page, string? act, string consequence, Guid id)
    {
        var client = await fixture.App.ClientForAsync("admin1");
        var version = await Api.VersionAsync(client, id);
        if (act is not null)
        {
            await page.GetByTestId($"act-{act}").ClickAsync();
        }

        await Expect(page.GetByTestId("act-consequence")).ToContainTextAsync(consequence);
        await page.GetByTestId("act-cancel").ClickAsync();
        await Expect(page.GetByTestId("act-dialog")).ToHaveCountAsync(0);
        Assert.Equal(version, await Api.VersionAsync(client, id));
    }

    private static async Task AnswerAsync(IPage page, string title, string answer)
    {
        var dialog = page.Locator(".mud-dialog").Filter(new() { HasText = title });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = answer }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }
}
