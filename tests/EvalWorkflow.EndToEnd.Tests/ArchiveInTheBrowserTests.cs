using System.IO.Compression;
using EvalWorkflow.Web.Tests;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

public sealed class ArchiveInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_administrator_downloads_the_rounds_published_reports_as_one_zip_from_the_round_screen()
    {
        var id = await Api.PublishAsync(fixture.App, await Api.OverallEvaluationIdAsync(await fixture.App.ClientForAsync("filer1")));
        var roundId = await fixture.App.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.RoundId).SingleAsync());
        var admin = await fixture.SignInAsync("admin1");
        await BrowserFixture.GotoAsync(admin, $"/rounds/{roundId}");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("archive-build").ClickAsync());

        Assert.EndsWith("-已公开报告.zip", download.SuggestedFilename, StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync())));
        Assert.EndsWith("年度绩效自评报告.docx", Assert.Single(zip.Entries).FullName, StringComparison.Ordinal);
        await Expect(admin.GetByTestId("archive-build")).ToBeEnabledAsync();
        await Expect(admin.GetByTestId("archive-error")).ToHaveCountAsync(0);
    }
}
