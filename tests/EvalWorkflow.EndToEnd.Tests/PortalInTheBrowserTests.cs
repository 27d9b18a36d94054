using System.Text;
using System.Text.RegularExpressions;
using EvalWorkflow.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

public sealed partial class PortalInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_searches_for_the_unit_reads_the_report_with_its_tables_and_prints_it_without_the_navigation()
    {
        var id = await PublishHealthBureauAsync();

        // An anonymous visitor searches by the unit's name and opens the report.
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, Locale = "zh-CN" });
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync("/public");
        await visitor.GetByTestId("public-search").FillAsync("卫生健康");
        await visitor.GetByTestId("public-submit").ClickAsync();
        await visitor.WaitForURLAsync("**/public?*q=*");
        await Expect(visitor.GetByTestId("public-reports").Locator("tbody tr")).ToHaveCountAsync(1);
        await visitor.GetByTestId("public-reports").GetByRole(AriaRole.Link, new() { Name = Api.HealthBureau }).ClickAsync();
        await visitor.WaitForURLAsync($"**/public/reports/{id}");

        // The official layout: the title, the sections, the tables, the signer and the hash; the Word download.
        var report = visitor.GetByTestId("public-report");
        await Expect(report.Locator("h1")).ToContainTextAsync("年度部门整体支出绩效自评报告");
        await Expect(report).ToContainTextAsync("一、基本情况");
        var overall = visitor.GetByTestId("sheet-overall");
        await Expect(overall).ToContainTextAsync("整体支出绩效自评表");
        await Expect(overall.Locator("th", new() { HasText = "绩效指标" })).ToHaveAttributeAsync("rowspan", "10");
        await Expect(overall).ToContainTextAsync("12312.50");
        await Expect(visitor.GetByTestId("sheet-overall-execution-rate")).ToHaveTextAsync("98.50%");
        await Expect(visitor.GetByTestId("sheet-overall-total")).ToHaveTextAsync("99.60");
        await Expect(visitor.GetByTestId("sheet-overall-grade")).ToHaveTextAsync("优");
        await Expect(visitor.GetByTestId("sheet-project-1")).ToContainTextAsync("计划生育家庭特别扶助");
        await Expect(visitor.GetByTestId("report-signature")).ToContainTextAsync("单位负责人签字：王建国");
        await Expect(visitor.GetByTestId("report-hash")).ToHaveTextAsync(HashPattern());
        await Expect(visitor.GetByTestId("download-docx")).ToHaveAttributeAsync("href", $"/api/public/reports/{id}.docx");
        var download = await visitor.RunAndWaitForDownloadAsync(() => visitor.GetByTestId("download-docx").ClickAsync());
        Assert.Equal($"{Api.HealthBureau}-2025年度绩效自评报告.docx", download.SuggestedFilename);
        using (var docx = System.IO.Compression.ZipFile.OpenRead((await download.PathAsync())!))
        {
            Assert.NotNull(docx.GetEntry("word/document.xml"));
        }

        // In print: no app bar, no tools; the report stays; each 附件 starts a page.
        await visitor.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(visitor.GetByTestId("public-appbar")).ToBeHiddenAsync();
        await Expect(visitor.GetByTestId("download-docx")).ToBeHiddenAsync();
        await Expect(report).ToBeVisibleAsync();
        Assert.Equal("page", await overall.EvaluateAsync<string>("e => getComputedStyle(e).breakBefore"));
        var pdf = Encoding.Latin1.GetString(await visitor.PdfAsync(new() { PreferCSSPageSize = true }));
        Assert.True(PdfPage().Count(pdf) >= 4, "the report and its three 附件 print on at least four pages");
        Assert.Matches(A4MediaBox(), pdf);

        // The list's filter form is not printed either.
        await visitor.GoBackAsync();
        await Expect(visitor.GetByTestId("public-filters")).ToBeHiddenAsync();
        await visitor.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(visitor.GetByTestId("public-filters")).ToBeVisibleAsync();
    }

    /// <summary>The demo health bureau's overall evaluation, through the API as the demo's people: filed, signed, approved, published.</summary>
    private async Task<Guid> PublishHealthBureauAsync() =>
        await Api.PublishAsync(fixture.App, await Api.OverallEvaluationIdAsync(await fixture.App.ClientForAsync("filer1")));

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashPattern();

    [GeneratedRegex(@"/Type\s*/Page\b(?!s)")]
    private static partial Regex PdfPage();

    // A4 is 595.28 × 841.89 pt; chromium rounds to the pixel.
    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]")]
    private static partial Regex A4MediaBox();
}
