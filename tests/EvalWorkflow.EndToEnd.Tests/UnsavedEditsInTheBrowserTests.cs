using Microsoft.Playwright;
using static EvalWorkflow.EndToEnd.Tests.EvaluationScreen;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

public sealed class UnsavedEditsInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Leaving_with_an_unsaved_cell_asks_first_and_autosaved_edits_are_there_after_a_reload()
    {
        var filer = await fixture.SignInAsync("filer1");
        await filer.GetByTestId("todo-table").GetByRole(AriaRole.Link, new() { Name = "办理" }).First.ClickAsync();
        await filer.WaitForURLAsync("**/evaluations/**");
        var evaluationUrl = filer.Url;
        await BrowserFixture.WaitInteractiveAsync(filer);
        await OpenTabAsync(filer, "附件2 整体支出");
        var prompts = new List<string>();
        filer.Dialog += async (_, dialog) =>
        {
            lock (prompts)
            {
                prompts.Add(dialog.Message);
            }

            await dialog.DismissAsync(); // 取消: stay on the page
        };

        // Type into a cell and go at once for 我的事项: the page asks, and staying keeps the typing.
        await filer.GetByTestId("overall-indicator-1-Actual").FillAsync("215万人");
        await filer.GetByRole(AriaRole.Link, new() { Name = "我的事项" }).ClickAsync();
        await Expect(filer.GetByTestId("content-dirty").Or(filer.GetByTestId("content-autosaved"))).ToBeVisibleAsync();
        await UntilAsync(() =>
        {
            lock (prompts)
            {
                return prompts.Count > 0;
            }
        }, "the prompt before leaving");
        Assert.Contains("附表有未保存的修改", prompts[0]);
        Assert.Equal(evaluationUrl, filer.Url);

        // A pause saves it; a reload then shows it, with no prompt (nothing is unsaved any more).
        await Expect(filer.GetByTestId("content-autosaved")).ToBeVisibleAsync();
        await OpenTabAsync(filer, "报告正文");
        await WriteWithoutSavingAsync(filer, "1", "自动保存的基本情况");
        await Expect(filer.GetByTestId("section-1-autosaved")).ToBeVisibleAsync();
        var promptsBeforeReload = prompts.Count;
        await filer.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(filer);
        await Expect(Field(filer, "section-1-text", "textarea")).ToHaveValueAsync("自动保存的基本情况");
        await OpenTabAsync(filer, "附件2 整体支出");
        await Expect(filer.GetByTestId("overall-indicator-1-Actual")).ToHaveValueAsync("215万人");
        Assert.Equal(promptsBeforeReload, prompts.Count);
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 150 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), $"Timed out waiting for {what}");
    }

    private static Task WriteWithoutSavingAsync(IPage page, string code, string text) =>
        Field(page, $"section-{code}-text", "textarea").FillAsync(text);
}
