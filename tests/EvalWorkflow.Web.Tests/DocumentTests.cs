using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using EvalWorkflow.Web.Api;
using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Web.Tests;

public sealed partial class DocumentTests : AppTest
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Fact]
    public async Task A_published_report_downloads_anonymously_as_a_valid_docx_that_LibreOffice_turns_into_a_pdf_with_every_heading_and_total()
    {
        var id = await PublishedEvaluationAsync();
        var year = await FiscalYearAsync(id);

        var response = await (await App.ClientForAsync(null)).GetAsync($"/api/public/reports/{id}.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Docx, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{Api.HealthBureau}-{year}年度绩效自评报告.docx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var document = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        }

        var text = Squeeze(await PdfTextAsync(bytes));
        Assert.Contains(Squeeze($"{Api.HealthBureau}{year}年度部门整体支出绩效自评报告"), text);
        foreach (var section in BuiltInTemplates.All()[0].Body.Outline)
        {
            Assert.Contains(Squeeze(section.Title), text);
        }

        Assert.Contains("9676.60", text);        // 附件1: 项目支出, 本年决算数
        Assert.Contains("12312.50", text);       // 附件2: 年度资金总额, 全年执行数
        Assert.Contains("总分100.0099.60评价等级：优", text);
        Assert.Contains("600.78", text);         // 附件3: the project's funds
        Assert.Contains("单位负责人签字", text);
        Assert.Contains("SHA-256", text);
    }

    [Fact]
    public async Task A_report_not_yet_published_has_no_public_docx()
    {
        var id = await Api.OverallEvaluationIdAsync(await App.ClientForAsync("filer1"));

        var response = await (await App.ClientForAsync(null)).GetAsync($"/api/public/reports/{id}.docx");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_finance_administrator_downloads_the_rounds_published_reports_as_one_zip_and_no_one_else_does()
    {
        var admin = await App.ClientForAsync("admin1");
        var id = await Api.OverallEvaluationIdAsync(await App.ClientForAsync("filer1"));
        var roundId = await App.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.RoundId).SingleAsync());
        var empty = await admin.GetAsync($"/api/rounds/{roundId}/reports.zip");
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
        Assert.Contains("还没有已公开的报告", await Api.ProblemDetailAsync(empty));

        await PublishedEvaluationAsync();
        var response = await admin.GetAsync($"/api/rounds/{roundId}/reports.zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("-已公开报告.zip", response.Content.Headers.ContentDisposition?.FileNameStar);
        using (var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync())))
        {
            var entry = Assert.Single(zip.Entries);
            Assert.Equal($"{Api.HealthBureau}-{await FiscalYearAsync(id)}年度绩效自评报告.docx", entry.FullName);
            await using var docx = new MemoryStream();
            await using (var stream = await entry.OpenAsync())
            {
                await stream.CopyToAsync(docx);
            }

            using var document = WordprocessingDocument.Open(docx, false);
            Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientForAsync("filer1")).GetAsync($"/api/rounds/{roundId}/reports.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await App.ClientForAsync("reviewer1")).GetAsync($"/api/rounds/{roundId}/reports.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await App.ClientForAsync(null)).GetAsync($"/api/rounds/{roundId}/reports.zip")).StatusCode);
    }

    [Fact]
    public async Task A_prepared_archive_is_served_once_to_the_user_who_built_it()
    {
        var id = await PublishedEvaluationAsync();
        var roundId = await App.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.RoundId).SingleAsync());
        var adminId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin1").Select(u => u.Id).SingleAsync());
        var prepared = new StreamedFile("已生成.zip", "application/zip", new MemoryStream([1, 2, 3]));
        var token = App.Services.GetRequiredService<PreparedDownloads>().Keep(adminId, DocumentEndpoints.ArchiveResource(roundId), prepared);
        var admin = await App.ClientForAsync("admin1");

        var first = await admin.GetAsync($"/api/rounds/{roundId}/reports.zip?token={token}");
        var second = await admin.GetAsync($"/api/rounds/{roundId}/reports.zip?token={token}");

        Assert.Equal([1, 2, 3], await first.Content.ReadAsByteArrayAsync());
        Assert.Equal("已生成.zip", first.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual([1, 2, 3], await second.Content.ReadAsByteArrayAsync());
    }

    private Task<int> FiscalYearAsync(Guid id) =>
        App.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.Round.FiscalYear).SingleAsync());

    /// <summary>
    /// Converts the document with LibreOffice (test.sh installs Debian's when missing) and reads the PDF's text with
    /// pdftotext. Each conversion has its own LibreOffice profile, so tests running at once do not share one.
    /// </summary>
    private static async Task<string> PdfTextAsync(byte[] docx)
    {
        var folder = Directory.CreateTempSubdirectory("evalworkflow-docx-");
        try
        {
            var input = Path.Combine(folder.FullName, "report.docx");
            await File.WriteAllBytesAsync(input, docx);
            var profile = new Uri(Path.Combine(folder.FullName, "profile")).AbsoluteUri;
            await RunAsync("libreoffice", $"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", folder.FullName, input);
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            Assert.True(File.Exists(pdf), "LibreOffice wrote no PDF");
            return await RunAsync("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start: is it installed (test.sh installs it)?");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await error}");
        return await output;
    }

    /// <summary>The text without white space: pdftotext -layout keeps a table row on one line but spaces it out as the page does.</summary>
    private static string Squeeze(string text) => WhiteSpace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
