using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

/// <summary>What the tests do on an evaluation's page, by its test ids.</summary>
internal static class EvaluationScreen
{
    public static ILocator Field(IPage page, string testId, string element) =>
        page.GetByTestId(testId).Locator($"xpath=descendant-or-self::{element}").First;

    public static async Task WriteSectionAsync(IPage page, string code, string text)
    {
        await Field(page, $"section-{code}-text", "textarea").FillAsync(text);
        await page.GetByTestId($"section-{code}-save").ClickAsync();
        await Expect(page.GetByTestId($"section-{code}-dirty")).ToHaveCountAsync(0);
    }

    /// <summary>Takes the act; every act but claiming and releasing asks first, and is confirmed.</summary>
    public static async Task ActAsync(IPage page, string act)
    {
        await page.GetByTestId($"act-{act}").ClickAsync();
        if (act is not ("Claim" or "Release"))
        {
            await page.GetByTestId("act-confirm").ClickAsync();
        }

        try
        {
            await Expect(page.GetByTestId($"act-{act}")).ToHaveCountAsync(0);
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = $"/tmp/fail-{act}.png", FullPage = true });
            var refusals = await page.GetByTestId("act-error").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException($"{act} did not happen: {string.Join(" ", refusals)}");
        }
    }

    public static Task OpenTabAsync(IPage page, string name) =>
        page.GetByRole(AriaRole.Tab, new() { Name = name }).ClickAsync();

    /// <summary>The filer marks every table they fill as complete, one by one, on the 填报分工 tab.</summary>
    public static async Task MarkAllTablesReadyAsync(IPage page)
    {
        await OpenTabAsync(page, "填报分工");
        await Expect(page.GetByTestId("parts")).ToBeVisibleAsync();
        var buttons = page.GetByTestId("parts").GetByRole(AriaRole.Button, new() { Name = "标记完成" });
        for (var left = await buttons.CountAsync(); left > 0; left--)
        {
            await buttons.First.ClickAsync();
            await Expect(buttons).ToHaveCountAsync(left - 1);
        }
    }
}
