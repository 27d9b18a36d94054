using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Setup;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

public sealed class BoardTests : AppTest
{
    [Fact]
    public async Task The_board_shows_the_demo_sub_unit_overdue_with_its_due_date_and_the_units_per_stage()
    {
        var admin = await App.ClientForAsync("admin1");
        var roundId = await RoundIdAsync(admin, "二级单位");

        var board = await BoardAsync(admin, roundId);

        var row = Assert.Single(board["rows"]!["items"]!.AsArray())!;
        Assert.Equal(DemoData.DiseaseControlName, (string?)row["unitName"]);
        Assert.True((bool)row["isOverdue"]!);
        Assert.Equal((string?)board["submissionDeadline"], (string?)row["due"]!["date"]);
        Assert.True((int)row["due"]!["workingDaysLeft"]! < 0);
        Assert.Null((string?)row["submittedAtUtc"]);
        var counts = board["stageCounts"]!.AsArray();
        Assert.Equal([Stages.Drafting, Stages.AwaitingSignature, Stages.DepartmentReview, Stages.FinanceReview, Stages.Approved, Stages.Published],
            counts.Select(c => (string)c!["stage"]!).ToArray());
        Assert.Equal(1, (int)counts[0]!["count"]!);
        Assert.Empty(board["submissions"]!.AsArray());
        Assert.True((bool)board["canManage"]!);
    }

    [Fact]
    public async Task A_submission_shows_on_the_board_with_its_date_and_in_the_submissions_per_day()
    {
        var id = await SignedEvaluationAsync();
        var admin = await App.ClientForAsync("admin1");

        var board = await BoardAsync(admin, await RoundIdAsync(admin, "整体"));

        var row = board["rows"]!["items"]!.AsArray().Single(r => (Guid)r!["evaluationId"]! == id)!;
        Assert.NotNull((string?)row["submittedAtUtc"]);
        var day = Assert.Single(board["submissions"]!.AsArray())!;
        Assert.Equal(1, (int)day["count"]!);
        Assert.Equal(1, (int)board["stageCounts"]!.AsArray().Single(c => (string?)c!["stage"] == Stages.FinanceReview)!["count"]!);
    }

    [Fact]
    public async Task Extending_one_units_deadline_records_the_reason_in_its_history_and_moves_its_due_date()
    {
        var admin = await App.ClientForAsync("admin1");
        var roundId = await RoundIdAsync(admin, "二级单位");
        var evaluationId = (Guid)(await BoardAsync(admin, roundId))["rows"]!["items"]![0]!["evaluationId"]!;
        var newDeadline = ChinaDate.Today(TimeProvider.System).AddDays(14);

        var tooEarly = await admin.PostAsJsonAsync($"/api/rounds/{roundId}/deadline", new { evaluationId, newDeadline = "2000-01-01", reason = "理由" });
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        var noReason = await admin.PostAsJsonAsync($"/api/rounds/{roundId}/deadline", new { evaluationId, newDeadline, reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var extended = await admin.PostAsJsonAsync($"/api/rounds/{roundId}/deadline", new { evaluationId, newDeadline, reason = "疾控中心应急任务繁重" });

        Assert.Equal(HttpStatusCode.NoContent, extended.StatusCode);
        var row = (await BoardAsync(admin, roundId))["rows"]!["items"]![0]!;
        Assert.Equal(newDeadline.ToString("yyyy-MM-dd"), (string?)row["due"]!["date"]);
        Assert.False((bool)row["isOverdue"]!);
        var history = (await Api.EvaluationAsync(admin, evaluationId))["history"]!.AsArray();
        var entry = history.Single(h => (string?)h!["act"] == nameof(WorkflowAct.ExtendDeadline))!;
        Assert.Contains("疾控中心应急任务繁重", (string?)entry["comment"]);
        Assert.Contains(newDeadline.ToString("yyyy-MM-dd"), (string?)entry["comment"]);
    }

    [Fact]
    public async Task Extending_the_rounds_deadline_moves_it_for_every_unit()
    {
        var admin = await App.ClientForAsync("admin1");
        var roundId = await RoundIdAsync(admin, "整体");
        var before = DateOnly.Parse((string)(await BoardAsync(admin, roundId))["submissionDeadline"]!);

        var extended = await admin.PostAsJsonAsync($"/api/rounds/{roundId}/deadline",
            new { evaluationId = (Guid?)null, newDeadline = before.AddDays(30), reason = "全市统一延期" });

        Assert.Equal(HttpStatusCode.NoContent, extended.StatusCode);
        var board = await BoardAsync(admin, roundId);
        Assert.Equal(before.AddDays(30).ToString("yyyy-MM-dd"), (string?)board["submissionDeadline"]);
        Assert.All(board["rows"]!["items"]!.AsArray(), r => Assert.Equal((string?)board["submissionDeadline"], (string?)r!["submissionDeadline"]));
        var reasons = await App.WithDbAsync(db => db.EvaluationEvents.Where(h => h.Act == WorkflowAct.ExtendDeadline).Select(h => h.Comment).ToListAsync());
        Assert.Equal(3, reasons.Count);
        Assert.All(reasons, r => Assert.Contains("全市统一延期", r));
    }

    [Fact]
    public async Task A_filer_can_neither_extend_a_deadline_nor_remind_units()
    {
        var admin = await App.ClientForAsync("admin1");
        var roundId = await RoundIdAsync(admin, "二级单位");
        var evaluationId = (Guid)(await BoardAsync(admin, roundId))["rows"]!["items"]![0]!["evaluationId"]!;
        var filer = await App.ClientForAsync("filer4");

        var extend = await filer.PostAsJsonAsync($"/api/rounds/{roundId}/deadline",
            new { evaluationId, newDeadline = ChinaDate.Today(TimeProvider.System).AddDays(10), reason = "自己延期" });
        var remind = await filer.PostAsJsonAsync($"/api/rounds/{roundId}/reminders", new { evaluationIds = new[] { evaluationId }, message = "催" });

        Assert.Equal(HttpStatusCode.Conflict, extend.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, remind.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await filer.GetAsync($"/api/rounds/{roundId}/board.xlsx")).StatusCode);
        Assert.Null(await App.WithDbAsync(db => db.Evaluations.Where(e => e.Id == evaluationId).Select(e => e.SubmissionDeadlineOverride).SingleAsync()));
    }

    [Fact]
    public async Task Reminding_a_unit_brings_the_administrators_message_to_its_filer()
    {
        var admin = await App.ClientForAsync("admin1");
        var roundId = await RoundIdAsync(admin, "二级单位");
        var evaluationId = (Guid)(await BoardAsync(admin, roundId))["rows"]!["items"]![0]!["evaluationId"]!;

        var response = await admin.PostAsJsonAsync($"/api/rounds/{roundId}/reminders",
            new { evaluationIds = new[] { evaluationId }, message = "请于本周五前提交自评报告" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["count"]!);
        var filer = await App.ClientForAsync("filer4");
        await Api.EventuallyAsync(async () =>
            (await filer.GetFromJsonAsync<JsonObject>("/api/inbox"))!["notifications"]!["items"]!.AsArray()
                .Any(n => ((string?)n!["body"])!.Contains("请于本周五前提交自评报告") && ((string?)n["title"])!.Contains("催报")),
            "filer4's 催报 notification");
    }

    [Fact]
    public async Task The_board_exports_as_a_workbook_with_a_row_per_unit_and_dates_as_dates()
    {
        var admin = await App.ClientForAsync("admin1");
        var roundId = await RoundIdAsync(admin, "整体");

        var response = await admin.GetAsync($"/api/rounds/{roundId}/board.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("进度.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(4, rows.Count);
        var texts = rows.Select(r => r.Descendants<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Contains("单位", texts[0]);
        Assert.Contains("提交截止日期", texts[0]);
        foreach (var unit in new[] { DemoData.HealthBureauName, DemoData.EducationBureauName, DemoData.DiseaseControlName })
        {
            Assert.Contains(texts.Skip(1), t => t.Contains(unit));
        }

        var deadline = rows[1].Descendants<Cell>().Single(c => c.CellReference == "H2");
        Assert.Null(deadline.DataType);
        var board = await BoardAsync(admin, roundId);
        Assert.Equal(DateOnly.Parse((string)board["submissionDeadline"]!).ToDateTime(TimeOnly.MinValue),
            DateTime.FromOADate(double.Parse(deadline.InnerText, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_round_due_in_a_year_without_a_calendar_says_so()
    {
        var admin = await App.ClientForAsync("admin1");
        var education = await App.WithDbAsync(db => db.BudgetUnits.SingleAsync(u => u.Name == DemoData.EducationBureauName));
        var created = await admin.PostAsJsonAsync("/api/rounds", new
        {
            title = "2030年度部门整体支出绩效自评", fiscalYear = 2030, submissionDeadline = "2031-04-30",
            workflowDefinitionKey = "default", unitIds = new[] { education.Id },
        });
        created.EnsureSuccessStatusCode();
        var roundId = (Guid)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var board = await BoardAsync(admin, roundId);

        Assert.Equal([2031], board["missingCalendarYears"]!.AsArray().Select(y => (int)y!).ToArray());
        Assert.Empty((await BoardAsync(admin, await RoundIdAsync(admin, "二级单位")))["missingCalendarYears"]!.AsArray());
    }

    [Fact]
    public async Task The_board_pages_sorts_and_filters_in_the_database_with_the_total()
    {
        var admin = await App.ClientForAsync("admin1");
        var unitIds = await App.WithDbAsync(async db =>
        {
            var bureauId = await db.FinanceBureaus.Where(b => b.Name == DemoData.BureauName).Select(b => b.Id).SingleAsync();
            var units = Enumerable.Range(1, 45).Select(n => new Workflows.Organisation.BudgetUnit($"分页测试单位{n:D2}", bureauId)).ToList();
            db.BudgetUnits.AddRange(units);
            await db.SaveChangesAsync();
            return units.Select(u => u.Id).ToList();
        });
        var created = await admin.PostAsJsonAsync("/api/rounds", new
        {
            title = "2025年度部门整体支出绩效自评（分页）", fiscalYear = 2025, submissionDeadline = "2026-04-30",
            workflowDefinitionKey = "default", unitIds,
        });
        created.EnsureSuccessStatusCode();
        var roundId = (Guid)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var first = (await admin.GetFromJsonAsync<JsonObject>($"/api/rounds/{roundId}?pageSize=20"))!;
        var third = (await admin.GetFromJsonAsync<JsonObject>($"/api/rounds/{roundId}?page=3&pageSize=20"))!;
        var descending = (await admin.GetFromJsonAsync<JsonObject>($"/api/rounds/{roundId}?sort=unit&desc=true&pageSize=5"))!;
        var searched = (await admin.GetFromJsonAsync<JsonObject>($"/api/rounds/{roundId}?unit=单位3"))!;
        var drafting = (await admin.GetFromJsonAsync<JsonObject>($"/api/rounds/{roundId}?stage={Stages.Drafting}&pageSize=1"))!;
        var signing = (await admin.GetFromJsonAsync<JsonObject>($"/api/rounds/{roundId}?stage={Stages.AwaitingSignature}"))!;

        static string[] Units(JsonObject board) => board["rows"]!["items"]!.AsArray().Select(r => (string)r!["unitName"]!).ToArray();
        Assert.Equal(45, (int)first["rows"]!["total"]!);
        Assert.Equal(45, (int)first["unitCount"]!);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"分页测试单位{n:D2}"), Units(first));
        Assert.Equal(Enumerable.Range(41, 5).Select(n => $"分页测试单位{n:D2}"), Units(third));
        Assert.Equal(Enumerable.Range(41, 5).Reverse().Select(n => $"分页测试单位{n:D2}"), Units(descending));
        Assert.Equal(["分页测试单位30", "分页测试单位31", "分页测试单位32", "分页测试单位33", "分页测试单位34", "分页测试单位35",
            "分页测试单位36", "分页测试单位37", "分页测试单位38", "分页测试单位39"], Units(searched));
        Assert.Equal(10, (int)searched["rows"]!["total"]!);
        Assert.Equal(45, (int)drafting["rows"]!["total"]!);
        Assert.Single(Units(drafting));
        Assert.Equal(0, (int)signing["rows"]!["total"]!);

        var badPage = await admin.GetAsync($"/api/rounds/{roundId}?page=0");
        var badSize = await admin.GetAsync($"/api/rounds/{roundId}?pageSize=5000");
        var badSort = await admin.GetAsync($"/api/rounds/{roundId}?sort=holder");
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Contains("页码", await Api.ProblemDetailAsync(badPage));
        Assert.Contains("每页条数", await Api.ProblemDetailAsync(badSize));
        Assert.Contains("未知的排序方式", await Api.ProblemDetailAsync(badSort));
    }

    private static async Task<Guid> RoundIdAsync(HttpClient admin, string titlePart)
    {
        var rounds = (await admin.GetFromJsonAsync<JsonObject>("/api/rounds"))!["items"]!.AsArray();
        return (Guid)rounds.Single(r => ((string?)r!["title"])!.Contains(titlePart))!["id"]!;
    }

    private static async Task<JsonObject> BoardAsync(HttpClient admin, Guid roundId) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/rounds/{roundId}"))!;
}
