using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

public sealed class ExcelInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_filer_downloads_the_tables_as_excel_and_an_unreadable_upload_lists_its_problem_and_changes_nothing()
    {
        var filer = await fixture.SignInAsync("filer2");
        await filer.GetByTestId("todo-table").GetByRole(AriaRole.Link, new() { Name = "办理" }).First.ClickAsync();
        await filer.WaitForURLAsync("**/evaluations/**");
        await BrowserFixture.WaitInteractiveAsync(filer);
        var total = await filer.GetByTestId("total-score").TextContentAsync();

        var download = await filer.RunAndWaitForDownloadAsync(() => filer.GetByTestId("tables-download").ClickAsync());
        Assert.EndsWith("绩效自评附表.xlsx", download.SuggestedFilename, StringComparison.Ordinal);

        await filer.GetByTestId("tables-upload").SetInputFilesAsync(new FilePayload
        {
            Name = "附表.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = "这不是一个表格文件"u8.ToArray(),
        });
        await Expect(filer.GetByTestId("upload-problems")).ToContainTextAsync("内容未作任何修改");
        await Expect(filer.GetByTestId("total-score")).ToHaveTextAsync(total!);
    }
}
