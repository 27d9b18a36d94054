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

    [Fact]
    public async Task The_lead_filer_adds_a_project_table_by_filling_the_workbooks_blank_project_sheet()
    {
        const string NewSheet = "新增项目表（填写后上传即新增）";
        var filer = await fixture.SignInAsync("filer1");
        var id = await EvalWorkflow.Web.Tests.Api.OverallEvaluationIdAsync(await fixture.App.ClientForAsync("filer1"));
        await BrowserFixture.GotoAsync(filer, $"/evaluations/{id}");
        var download = await filer.RunAndWaitForDownloadAsync(() => filer.GetByTestId("tables-download").ClickAsync());
        var workbook = EvalWorkflow.Tests.WorkbookEdit.Apply(await File.ReadAllBytesAsync(await download.PathAsync()), edit =>
        {
            edit.Set(NewSheet, $"C{edit.RowWhere(NewSheet, "A", "project")}", "老年人健康管理");
            edit.SetNumber(NewSheet, $"D{edit.RowWhere(NewSheet, "A", "total")}", 320m);
        });

        await filer.GetByTestId("tables-upload").SetInputFilesAsync(new FilePayload
        {
            Name = "附表.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = workbook,
        });

        await Expect(filer.GetByRole(AriaRole.Tab, new() { Name = "附件3 老年人健康管理" })).ToBeVisibleAsync();
        await Expect(filer.GetByTestId("upload-problems")).ToHaveCountAsync(0);
    }
}
