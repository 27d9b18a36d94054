using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Setup;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

public sealed class RoundTests : AppTest
{
    [Fact]
    public async Task A_new_round_gives_each_unit_one_evaluation_in_drafting_and_the_board_shows_them()
    {
        var admin = await App.ClientForAsync("admin1");
        var units = await App.WithDbAsync(db => db.BudgetUnits.Where(u => u.ParentUnitId == null).Select(u => u.Id).ToListAsync());

        var created = await admin.PostAsJsonAsync("/api/rounds", new
        {
            title = "2025年度项目支出绩效自评", fiscalYear = 2025, submissionDeadline = "2026-04-30",
            workflowDefinitionKey = "default", unitIds = units,
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var roundId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var board = await admin.GetFromJsonAsync<JsonObject>($"/api/rounds/{roundId}");
        var rows = board!["rows"]!["items"]!.AsArray();
        Assert.Equal(units.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal("起草", (string?)r!["stageName"]));
        Assert.Contains(rows, r => (string?)r!["unitName"] == DemoData.EducationBureauName && ((string?)r["holder"])!.Contains("填表人"));
    }

    [Fact]
    public async Task A_round_on_the_guangdong_template_gives_its_evaluations_the_guangdong_outline()
    {
        var admin = await App.ClientForAsync("admin1");
        var education = await App.WithDbAsync(db => db.BudgetUnits.SingleAsync(u => u.Name == DemoData.EducationBureauName));
        var request = new
        {
            title = "2025年度部门整体支出绩效自评（广东提纲）", fiscalYear = 2025, submissionDeadline = "2026-04-30",
            workflowDefinitionKey = "default", unitIds = new[] { education.Id }, templateKey = "national-guangdong",
        };

        var unknown = await admin.PostAsJsonAsync("/api/rounds", request with { templateKey = "no-such-template" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("评价模板不存在", await Api.ProblemDetailAsync(unknown));

        var created = await admin.PostAsJsonAsync("/api/rounds", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var filer = await App.ClientForAsync("filer3");
        var inbox = await filer.GetFromJsonAsync<JsonObject>("/api/inbox");
        var id = Guid.Parse((string)inbox!["todo"]!["items"]!.AsArray().Single(t => ((string?)t!["roundTitle"])!.Contains("广东"))!["evaluationId"]!);
        var view = await Api.ContentAsync(filer, id);
        Assert.Equal(["一、部门基本情况", "二、绩效自评情况", "三、问题及改进意见"],
            view["content"]!["sections"]!.AsArray().Select(s => (string)s!["title"]!).ToArray());
        Assert.Equal("全国通用评分（广东报告提纲）", (string?)view["templateName"]);
    }

    [Fact]
    public async Task Only_a_finance_administrator_opens_a_round_and_bad_rounds_are_refused()
    {
        var request = new { title = "批次", fiscalYear = 2025, submissionDeadline = "2026-04-30", workflowDefinitionKey = "default", unitIds = Array.Empty<Guid>() };
        var byFiler = await (await App.ClientForAsync("filer1")).PostAsJsonAsync("/api/rounds", request);
        Assert.Equal(HttpStatusCode.Conflict, byFiler.StatusCode);
        Assert.Contains("只有财政管理员", await Api.ProblemDetailAsync(byFiler));

        var admin = await App.ClientForAsync("admin1");
        var noUnits = await admin.PostAsJsonAsync("/api/rounds", request);
        Assert.Equal(HttpStatusCode.BadRequest, noUnits.StatusCode);
        Assert.Contains("至少选择一个", await Api.ProblemDetailAsync(noUnits));

        var health = await App.WithDbAsync(db => db.BudgetUnits.SingleAsync(u => u.Name == DemoData.HealthBureauName));
        var topLevelInDepartmentFlow = await admin.PostAsJsonAsync("/api/rounds", request with { workflowDefinitionKey = "department-review", unitIds = new[] { health.Id } });
        Assert.Equal(HttpStatusCode.BadRequest, topLevelInDepartmentFlow.StatusCode);
        Assert.Contains("没有主管部门", await Api.ProblemDetailAsync(topLevelInDepartmentFlow));
    }

    [Fact]
    public async Task The_rounds_come_a_page_at_a_time_newest_first_with_each_rounds_unit_count()
    {
        var admin = await App.ClientForAsync("admin1");
        var units = await App.WithDbAsync(db => db.BudgetUnits.Where(u => u.ParentUnitId == null).OrderBy(u => u.Name).Select(u => u.Id).ToListAsync());
        var before = await App.WithDbAsync(db => db.Rounds.CountAsync());
        var created = new List<string>();
        for (var n = 1; n <= 5; n++)
        {
            var response = await admin.PostAsJsonAsync("/api/rounds", new
            {
                title = $"分页批次{n}", fiscalYear = 2025, submissionDeadline = "2026-04-30",
                workflowDefinitionKey = "default", unitIds = units.Take(n % 2 + 1),
            });
            response.EnsureSuccessStatusCode();
            created.Add((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        }

        var first = (await admin.GetFromJsonAsync<JsonObject>("/api/rounds?pageSize=2"))!;
        var second = (await admin.GetFromJsonAsync<JsonObject>("/api/rounds?pageSize=2&page=2"))!;
        var all = (await admin.GetFromJsonAsync<JsonObject>($"/api/rounds?pageSize={before + 5}"))!;

        Assert.Equal(before + 5, (int)first["total"]!);
        Assert.Equal(2, (int)second["pageNumber"]!);
        Assert.Equal(["分页批次5", "分页批次4"], first["items"]!.AsArray().Select(r => (string?)r!["title"]));
        Assert.Equal(["分页批次3", "分页批次2"], second["items"]!.AsArray().Select(r => (string?)r!["title"]));
        Assert.Equal([2, 1], first["items"]!.AsArray().Select(r => (int)r!["unitCount"]!));
        Assert.Equal(created.AsEnumerable().Reverse(), all["items"]!.AsArray().Take(5).Select(r => (string?)r!["id"]));
        Assert.Equal(before + 5, all["items"]!.AsArray().Select(r => (string?)r!["id"]).Distinct().Count());
        Assert.StartsWith("标准流程", (string?)first["items"]![0]!["workflowName"]);

        var refused = await admin.GetAsync("/api/rounds?page=0");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("页码", await Api.ProblemDetailAsync(refused));
        Assert.Empty((await (await App.ClientForAsync("filer1")).GetFromJsonAsync<JsonObject>("/api/rounds"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task The_progress_export_of_a_large_round_is_a_valid_workbook_with_a_row_per_unit_by_name()
    {
        var bureauId = await App.WithDbAsync(db => db.BudgetUnits.Where(u => u.Name == DemoData.HealthBureauName).Select(u => u.FinanceBureauId).SingleAsync());
        var names = Enumerable.Range(1, 60).Select(n => $"导出单位{n:000}").ToList();
        var ids = await App.WithDbAsync(async db =>
        {
            var units = names.AsEnumerable().Reverse().Select(name => new BudgetUnit(name, bureauId)).ToList();
            db.BudgetUnits.AddRange(units);
            await db.SaveChangesAsync();
            return units.Select(u => u.Id).ToList();
        });
        var admin = await App.ClientForAsync("admin1");
        var created = await admin.PostAsJsonAsync("/api/rounds", new
        {
            title = "2025年度导出测试", fiscalYear = 2025, submissionDeadline = "2026-04-30", workflowDefinitionKey = "default", unitIds = ids,
        });
        var roundId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var response = await admin.GetAsync($"/api/rounds/{roundId}/board.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(61, rows.Count);
        Assert.Equal(names, rows.Skip(1).Select(r => r.Descendants<Cell>().Single(c => c.CellReference == $"B{r.RowIndex}").InnerText));
        Assert.All(rows.Skip(1), r => Assert.Equal("起草", r.Descendants<Cell>().Single(c => c.CellReference == $"C{r.RowIndex}").InnerText));
        Assert.Equal("进度", document.WorkbookPart.Workbook.Descendants<Sheet>().Single().Name?.Value);
    }

    [Fact]
    public async Task A_sub_unit_evaluation_passes_through_department_review()
    {
        var filer = await App.ClientForAsync("filer4");
        var inbox = await filer.GetFromJsonAsync<JsonObject>("/api/inbox");
        var id = Guid.Parse((string)inbox!["todo"]!["items"]!.AsArray().Single(t => ((string?)t!["roundTitle"])!.Contains("二级单位"))!["evaluationId"]!);
        await Api.SaveSectionAsync(filer, id, "1", "疾控中心基本情况");
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        await Api.ActOkAsync(await App.ClientForAsync("head4"), id, "Sign", password: "Demo#2026");

        var department = await App.ClientForAsync("dept1");
        Assert.Equal("DepartmentReview", (string?)(await Api.EvaluationAsync(department, id))["stage"]);
        var reviewerTooEarly = await Api.ActAsync(await App.ClientForAsync("reviewer1"), id, "Claim", await Api.VersionAsync(department, id));
        Assert.Equal(HttpStatusCode.Conflict, reviewerTooEarly.StatusCode);
        await Api.ActOkAsync(department, id, "Approve");
        Assert.Equal("FinanceReview", (string?)(await Api.EvaluationAsync(department, id))["stage"]);
    }
}
