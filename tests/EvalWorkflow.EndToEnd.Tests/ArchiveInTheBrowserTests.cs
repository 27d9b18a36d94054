using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using EvalWorkflow.Web.Tests;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

public sealed class ArchiveInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_administrator_downloads_the_rounds_published_reports_as_one_zip_from_the_round_screen()
    {
        var id = await PublishAsync();
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

    /// <summary>The demo health bureau's overall evaluation, written, signed, approved and published through the API.</summary>
    private async Task<Guid> PublishAsync()
    {
        var filer = await ClientAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        await Api.ActOkAsync(await ClientAsync("head1"), id, "Sign", password: "Demo#2026");
        var reviewer = await ClientAsync("reviewer1");
        await Api.ActOkAsync(reviewer, id, "Claim");
        await Api.ActOkAsync(reviewer, id, "Approve");
        await Api.ActOkAsync(await ClientAsync("admin1"), id, "Publish");
        return id;
    }

    /// <summary>An API client of the Kestrel server the browser uses, signed in as <paramref name="userName"/>.</summary>
    private async Task<HttpClient> ClientAsync(string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(fixture.BaseUrl),
        };
        (await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Demo#2026" })).EnsureSuccessStatusCode();
        return client;
    }
}
