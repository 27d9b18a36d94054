using Microsoft.Playwright;
using static EvalWorkflow.EndToEnd.Tests.EvaluationScreen;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

public sealed class TablesInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_filer_sees_a_finding_beside_the_cell_fixes_it_watches_the_score_change_and_submits()
    {
        var filer = await fixture.SignInAsync("filer1");
        await filer.GetByTestId("todo-table").GetByRole(AriaRole.Link, new() { Name = "办理" }).First.ClickAsync();
        await filer.WaitForURLAsync("**/evaluations/**");
        await BrowserFixture.WaitInteractiveAsync(filer);
        await Expect(filer.GetByTestId("total-score")).ToHaveTextAsync("99.60");
        await OpenTabAsync(filer, "附件2 整体支出");

        // 家庭医生签约人数: target ≥220万人; an actual of 200万人 falls short, so the score drops and a reason is required.
        await filer.GetByTestId("overall-indicator-1-Actual").FillAsync("200万人");
        await filer.GetByTestId("overall-indicator-1-Actual").PressAsync("Tab");
        await Expect(filer.GetByTestId("overall-indicator-1-Suggested")).ToHaveTextAsync("9.09");
        await Expect(filer.GetByTestId("total-score")).ToHaveTextAsync("98.69");
        var explanationFindings = filer.Locator("td", new() { Has = filer.GetByTestId("overall-indicator-1-DeviationExplanation") }).GetByTestId("finding");
        await Expect(explanationFindings).ToContainTextAsync("必须说明原因");
        await Expect(filer.GetByTestId("error-count")).ToHaveTextAsync("1");

        // Enter moves down the column, as in a spreadsheet.
        await filer.GetByTestId("overall-indicator-1-Weight").PressAsync("Enter");
        await Expect(filer.GetByTestId("overall-indicator-2-Weight")).ToBeFocusedAsync();

        await filer.GetByTestId("overall-indicator-1-DeviationExplanation").FillAsync("部分签约对象迁出本市，下一年度按常住人口重新测算目标。");
        await filer.GetByTestId("overall-indicator-1-DeviationExplanation").PressAsync("Tab");
        await Expect(explanationFindings).ToHaveCountAsync(0);
        await Expect(filer.GetByTestId("error-count")).ToHaveTextAsync("0");
        await Expect(filer.GetByTestId("score-overall")).ToContainTextAsync("49.09");

        await filer.GetByTestId("content-save").ClickAsync();
        await Expect(filer.GetByTestId("content-dirty")).ToHaveCountAsync(0);
        await MarkAllTablesReadyAsync(filer);
        await ActAsync(filer, "Submit");
        await Expect(filer.GetByTestId("stage")).ToHaveTextAsync("待单位负责人签字");
        await Expect(filer.GetByTestId("total-score")).ToHaveTextAsync("98.69");
    }
}
