using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvalWorkflow.Tests;

namespace EvalWorkflow.Web.Tests;

public sealed class ExcelExchangeTests : AppTest
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Basic = "附件1 基础数据表";
    private const string Overall = "附件2 整体支出绩效自评表";

    [Fact]
    public async Task A_filled_copy_of_the_downloaded_tables_replaces_the_content_and_is_checked()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var before = await Api.ContentAsync(filer, id);

        var download = await filer.GetAsync($"/api/evaluations/{id}/tables.xlsx");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Xlsx, download.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^示例市卫生健康局-\d{4}年度绩效自评附表\.xlsx$", download.Content.Headers.ContentDisposition?.FileNameStar);
        // The filer lowers an actual value and clears its score cell, so that the line is scored by the new suggestion.
        var workbook = WorkbookEdit.Apply(await download.Content.ReadAsByteArrayAsync(), edit =>
        {
            var row = edit.RowWhere(Overall, "D", "免疫规划疫苗接种率");
            edit.Set(Overall, $"F{row}", "90%");
            edit.Set(Overall, $"H{row}", null);
        });

        var upload = await UploadAsync(filer, id, workbook);

        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var after = await Api.ContentAsync(filer, id);
        Assert.Equal((int)before["contentVersion"]! + 1, (int)after["contentVersion"]!);
        Assert.Equal("90%", (string?)after["content"]!["overall"]!["indicators"]![2]!["actual"]);
        Assert.Contains(after["report"]!["findings"]!.AsArray(), f =>
            (string?)f!["at"]!["part"] == "overall" && (string?)f["at"]!["line"] == "indicator:2" && (string?)f["at"]!["column"] == "DeviationExplanation");
        Assert.Equal(before["content"]!["sections"]!.ToJsonString(), after["content"]!["sections"]!.ToJsonString());
    }

    [Fact]
    public async Task A_broken_upload_lists_every_problem_and_leaves_the_content_as_it_was()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var before = await Api.ContentAsync(filer, id);
        var workbook = WorkbookEdit.Apply(await filer.GetByteArrayAsync($"/api/evaluations/{id}/tables.xlsx"), edit =>
        {
            edit.Set(Basic, $"D{edit.RowWhere(Basic, "A", "2.1")}", "八百");
            edit.Set(Overall, $"F{edit.RowWhere(Overall, "D", "免疫规划疫苗接种率")}", "90%");
            edit.Set(Overall, $"F{edit.RowWhere(Overall, "A", "indicators-header")}", "实际值");
        });

        var upload = await UploadAsync(filer, id, workbook);
        var notAWorkbook = await UploadAsync(filer, id, "不是表格"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        var problems = (await upload.Content.ReadFromJsonAsync<JsonObject>())!["problems"]!.AsArray();
        Assert.Equal([(Basic, "D", "「八百」不是数字"), (Overall, "F", "此处应为「实际完成值」，现为「实际值」")],
            problems.Select(p => ((string)p!["sheet"]!, (string)p["column"]!, (string)p["message"]!)));
        Assert.All(problems, p => Assert.True((int)p!["row"]! > 0));
        Assert.Equal(HttpStatusCode.BadRequest, notAWorkbook.StatusCode);
        Assert.Contains("无法读取文件", (string?)(await notAWorkbook.Content.ReadFromJsonAsync<JsonObject>())!["problems"]![0]!["text"]);
        var after = await Api.ContentAsync(filer, id);
        Assert.Equal((int)before["contentVersion"]!, (int)after["contentVersion"]!);
        Assert.Equal(before["content"]!.ToJsonString(), after["content"]!.ToJsonString());
    }

    [Fact]
    public async Task A_reviewer_may_download_but_only_a_filer_of_the_unit_may_upload()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        var workbook = await filer.GetByteArrayAsync($"/api/evaluations/{id}/tables.xlsx");
        var reviewer = await App.ClientForAsync("reviewer1");
        var stranger = await App.ClientForAsync("filer3");

        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/api/evaluations/{id}/tables.xlsx")).StatusCode);
        var reviewerUpload = await UploadAsync(reviewer, id, workbook);
        Assert.Equal(HttpStatusCode.Conflict, reviewerUpload.StatusCode);
        Assert.Contains("填表人", await Api.ProblemDetailAsync(reviewerUpload));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/evaluations/{id}/tables.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(stranger, id, workbook)).StatusCode);
    }

    [Fact]
    public async Task An_upload_over_5_MB_is_refused_clearly()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);

        var upload = await UploadAsync(filer, id, new byte[(5 * 1024 * 1024) + 1]);

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("最多 5 MB", await Api.ProblemDetailAsync(upload));
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, byte[] workbook)
    {
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return client.PostAsync($"/api/evaluations/{id}/tables.xlsx", new MultipartFormDataContent { { file, "file", "附表.xlsx" } });
    }
}
