using EvalWorkflow.Web.Tests;
using Microsoft.Playwright;
using static EvalWorkflow.EndToEnd.Tests.EvaluationScreen;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

/// <summary>
/// Issue 13, point 5: on a phone (390×844) the unit head reads and signs, the reviewer approves, and no page scrolls
/// sideways; wide tables scroll inside their own box.
/// </summary>
public sealed class PhoneInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // How far the page is wider than the screen, and the widest element that makes it so (for the message).
    private const string Overflow = """
        () => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-scroll, .mud-table-container, .mud-tabs-tabbar, .mud-popover'))
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(e.getBoundingClientRect().right)}`);
            // Text squeezed to a character per line: the title and the user's name must keep one line.
            const squeezed = [...document.querySelectorAll('.app-title, [data-testid=current-user]')]
                .filter(e => e.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(e).fontSize) * 1.2)
                .map(e => `${e.textContent.trim()} squeezed to ${Math.round(e.getBoundingClientRect().height)} px high`);
            return `${document.documentElement.scrollWidth - width + wide.length}|${[...wide.slice(0, 3), ...squeezed].join(', ')}|${squeezed.length}`;
        }
        """;

    [Fact]
    public async Task The_head_signs_and_the_reviewer_approves_on_a_phone_without_the_page_scrolling_sideways()
    {
        var filer = await fixture.App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");

        var head = await PhoneAsync("head1");
        await Expect(head.GetByTestId("todo-table")).ToContainTextAsync(Api.HealthBureau);
        await AssertFitsAsync(head, "the head's inbox");
        await Expect(head.GetByTestId("current-user")).ToBeVisibleAsync();
        await head.GetByTestId("todo-table").GetByRole(AriaRole.Link, new() { Name = "办理" }).First.ClickAsync();
        await head.WaitForURLAsync("**/evaluations/**");
        await BrowserFixture.WaitInteractiveAsync(head);
        await AssertFitsAsync(head, "the evaluation page");
        await OpenTabAsync(head, "附件2 整体支出");
        await Expect(head.Locator(".indicator-grid").First).ToBeVisibleAsync();
        await AssertFitsAsync(head, "附件2 on the evaluation page");
        await head.GetByTestId("act-Sign").ClickAsync();
        await Field(head, "act-password", "input").FillAsync("Demo#2026");
        await Field(head, "act-password", "input").PressAsync("Enter"); // Enter confirms, as on a desktop
        await Expect(head.GetByTestId("stage")).ToHaveTextAsync("财政审核");

        var reviewer = await PhoneAsync("reviewer1");
        await BrowserFixture.GotoAsync(reviewer, $"/evaluations/{id}");
        await AssertFitsAsync(reviewer, "the reviewer's evaluation page");
        await ActAsync(reviewer, "Claim");
        await ActAsync(reviewer, "Approve");
        await Expect(reviewer.GetByTestId("stage")).ToHaveTextAsync("已审核通过");
        await AssertFitsAsync(reviewer, "the approved evaluation");
    }

    private Task<IPage> PhoneAsync(string userName) => fixture.SignInAsync(userName, phone: new ViewportSize { Width = 390, Height = 844 });

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var result = (await page.EvaluateAsync<string>(Overflow)).Split('|');
        Assert.True(result[0] == "0" && result[2] == "0", $"{what} does not fit the phone: {result[1]}");
    }
}
