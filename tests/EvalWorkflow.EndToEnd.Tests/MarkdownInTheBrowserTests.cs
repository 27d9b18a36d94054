using EvalWorkflow.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

/// <summary>A filer's Markdown cannot cover the page, run script or style itself (issue 11), on the public report and the evaluation page.</summary>
public sealed class MarkdownInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Payload = """
        覆盖测试 [点我](https://evil.example){style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999;background:red"}

        <div style="position:fixed;inset:0;z-index:9999">整页覆盖</div><img src="x" onerror="window.__xss=1"><script>window.__xss=2</script>

        [脚本链接](javascript:window.__xss=3)
        """;

    // Script run by the payload, elements it placed over the page, and the link at the page's centre, if any.
    private const string Probe = """
        () => [
            String(window.__xss ?? 0),
            String([...document.querySelectorAll('body *')].filter(e => getComputedStyle(e).position === 'fixed' && e.closest('[data-testid=public-report], .report-section, .mud-main-content')).length),
            document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest('a')?.getAttribute('href') ?? '',
        ]
        """;

    [Fact]
    public async Task Style_attributes_raw_HTML_and_script_links_render_inert_on_the_public_report_and_the_evaluation_page()
    {
        var filer = await fixture.App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", Payload);
        await Api.PublishAsync(fixture.App, id);

        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, Locale = "zh-CN" });
        var visitor = await context.NewPageAsync();
        await visitor.AddInitScriptAsync("window.print = () => { window.__printed = true; };");
        await visitor.GotoAsync($"/public/reports/{id}");
        await Expect(visitor.GetByTestId("public-report")).ToContainTextAsync("覆盖测试");
        Assert.Equal(["0", "0", ""], await visitor.EvaluateAsync<string[]>(Probe));
        await Expect(visitor.GetByTestId("public-report").Locator("a[href^='javascript']")).ToHaveCountAsync(0);
        // The print button works under the script policy (a file's listener, not an inline handler).
        await visitor.GetByTestId("print").ClickAsync();
        Assert.True(await visitor.EvaluateAsync<bool>("() => window.__printed === true"));

        var owner = await fixture.SignInAsync("filer1");
        await BrowserFixture.GotoAsync(owner, $"/evaluations/{id}");
        await Expect(owner.Locator("body")).ToContainTextAsync("覆盖测试");
        Assert.Equal(["0", "0", ""], await owner.EvaluateAsync<string[]>(Probe));
    }
}
