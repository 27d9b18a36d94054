using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using EvalWorkflow.Tests;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Exchange;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Setup;

namespace EvalWorkflow.Workflows.Tests.Content;

public sealed class TablesWorkbookTests
{
    private const string Basic = "附件1 基础数据表";
    private const string Overall = "附件2 整体支出绩效自评表";
    private const string Project = "附件3-1 计划生育家庭特别扶助";

    private static readonly TemplateBody Template = BuiltInTemplates.All()[0].Body;
    private static readonly Guid EvaluationId = Guid.NewGuid();
    private static readonly EvaluationContent Example = ExampleContent.HealthBureau(
        Template.Outline.Select(o => new SectionContent(o.Code, o.Title, "")).ToList(), Guid.NewGuid(), Guid.NewGuid());

    private static byte[] Download(EvaluationContent content) =>
        TablesWorkbook.Write(new TablesHeading(EvaluationId, "示例市卫生健康局", 2025), content, Template);

    private static TablesReadResult Upload(byte[] workbook, EvaluationContent current, Guid? evaluationId = null) =>
        TablesWorkbook.Read(new MemoryStream(workbook), evaluationId ?? EvaluationId, current, Template);

    [Fact]
    public void An_unchanged_workbook_reads_back_as_the_same_content()
    {
        var read = Upload(Download(Example), Example);

        Assert.Empty(read.Problems);
        AssertSame(Example, read.Content);
    }

    [Theory]
    [InlineData(null, "很多", "「很多」不是数字")]
    [InlineData("s", "99999", "单元格无法读取或是错误值：无法读取（共享字符串 99999 不存在）")]
    [InlineData("e", "#VALUE!", "单元格无法读取或是错误值：#VALUE!")]
    [InlineData(null, "1e400", "「1e400」不是数字")]
    public void An_unreadable_staff_cell_is_a_problem_never_a_blank(string? type, string stored, string message)
    {
        var workbook = WorkbookEdit.Apply(Download(Example), edit => edit.SetRaw(Basic, $"C{edit.RowWhere(Basic, "A", "staff")}",
            type is null ? null : new CellValues(type), stored));

        var read = Upload(workbook, Example);

        Assert.Null(read.Content);
        var problem = Assert.Single(read.Problems);
        Assert.Equal((Basic, "C", message), (problem.Sheet, problem.Column, problem.Message));
    }

    [Fact]
    public void A_small_upload_that_inflates_past_the_limit_is_refused_before_it_is_read()
    {
        using var bomb = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bomb, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("[Content_Types].xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 70; i++)
            {
                entry.Write(spaces);
            }
        }

        Assert.True(bomb.Length < 200_000, $"{bomb.Length} bytes");
        var upload = bomb.ToArray();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var read = Upload(upload, Example);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Null(read.Content);
        Assert.True(allocated < 100L * 1024 * 1024, $"{allocated / 1024 / 1024} MB allocated reading a 70 MB bomb"); // it is never held
        Assert.Contains("文件解压后超过 64 MB", Assert.Single(read.Problems).Message);
    }

    [Fact]
    public void A_part_that_inflates_a_thousandfold_is_refused_even_under_the_total_limit()
    {
        using var bomb = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bomb, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/sharedStrings.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[8 * 1024 * 1024]); // 8 MB of zeros: well under 64 MB, but about 1,000:1
        }

        var read = Upload(bomb.ToArray(), Example);

        Assert.Null(read.Content);
        Assert.Contains("压缩比异常", Assert.Single(read.Problems).Message);
    }

    [Fact]
    public void A_zip_of_thousands_of_tiny_parts_is_refused_before_any_is_inflated()
    {
        using var many = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(many, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 1001; i++)
            {
                zip.CreateEntry($"xl/p{i}.xml");
            }
        }

        var read = Upload(many.ToArray(), Example);

        Assert.Null(read.Content);
        Assert.Contains("多于 1000 个部件", Assert.Single(read.Problems).Message);
    }

    [Fact]
    public void The_workbook_is_valid_office_open_xml_with_a_sheet_per_table()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Download(Example)), false);

        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        Assert.Equal([Basic, Overall, Project, "新增项目表（填写后上传即新增）"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name?.Value));
    }

    [Fact]
    public void A_filled_new_project_sheet_adds_a_project_table_and_a_blank_one_adds_nothing()
    {
        const string NewSheet = "新增项目表（填写后上传即新增）";
        var unchanged = Upload(Download(Example), Example).Content!;
        Assert.Single(unchanged.Projects);

        var workbook = WorkbookEdit.Apply(Download(Example), edit =>
        {
            edit.Set(NewSheet, $"C{edit.RowWhere(NewSheet, "A", "project")}", "老年人健康管理");
            edit.SetNumber(NewSheet, $"D{edit.RowWhere(NewSheet, "A", "total")}", 320m);
        });

        var read = Upload(workbook, Example);

        Assert.Empty(read.Problems);
        Assert.Equal(2, read.Content!.Projects.Count);
        Assert.Equal(Example.Projects[0], read.Content.Projects[0]);
        var added = read.Content.Projects[1];
        Assert.Equal("老年人健康管理", added.ProjectName);
        Assert.NotEqual(Guid.Empty, added.Id);
        Assert.Equal(320m, added.Total.InitialBudget);
    }

    [Fact]
    public void Edited_cells_are_read_and_every_other_cell_reads_back_exactly()
    {
        var workbook = WorkbookEdit.Apply(Download(Example), edit =>
        {
            edit.SetNumber(Basic, $"D{edit.RowWhere(Basic, "A", "2.1")}", 830m);
            edit.SetPercent(Overall, $"F{edit.RowWhere(Overall, "D", "基层诊疗量占比")}", 0.61m);
            edit.Set(Overall, $"H{edit.RowWhere(Overall, "D", "基层诊疗量占比")}", null); // blank: follow the suggestion
            edit.SetNumber(Overall, $"H{edit.RowWhere(Overall, "D", "家庭医生签约人数")}", 8m);
            edit.Set(Project, $"C{edit.RowWhere(Project, "A", "project")}", "计划生育家庭特别扶助金");
            edit.Set(Project, $"G{edit.RowWhere(Project, "A", "footer")}", "2026-03-15");
        });

        var read = Upload(workbook, Example);

        Assert.Empty(read.Problems);
        var overall = Example.Overall.Indicators.ToList();
        overall[1] = overall[1] with { Score = 8 };
        overall[6] = overall[6] with { Actual = "61.00%" };
        AssertSame(Example with
        {
            Basic = Example.Basic with { Lines = [.. Example.Basic.Lines.Select(l => l.Code == "2.1" ? l with { CurrentBudget = 830 } : l)] },
            Overall = Example.Overall with { Indicators = overall },
            Projects = [Example.Projects[0] with { ProjectName = "计划生育家庭特别扶助金", Footer = Example.Projects[0].Footer with { FiledOn = new DateOnly(2026, 3, 15) } }],
        }, read.Content);
        Assert.Null(read.Content!.Overall.Indicators[6].Score);
    }

    [Fact]
    public void A_score_cell_showing_the_suggestion_is_kept_as_typed_once_the_line_it_was_computed_from_changed()
    {
        string? shown = null;
        var workbook = WorkbookEdit.Apply(Download(Example), edit =>
        {
            var row = edit.RowWhere(Overall, "D", "基层诊疗量占比");
            shown = edit.Get(Overall, $"H{row}");
            edit.SetPercent(Overall, $"F{row}", 0.61m); // the actual value changes; the score cell is left as it showed
        });

        var read = Upload(workbook, Example).Content!;

        Assert.Null(Example.Overall.Indicators[6].Score); // it followed the suggestion when downloaded
        Assert.Equal(decimal.Parse(shown!, System.Globalization.CultureInfo.InvariantCulture), read.Overall.Indicators[6].Score);
        // The lines left alone still follow their suggestions.
        Assert.Equal(Example.Overall.Indicators.Select(i => i.Score).Where((_, i) => i != 6), read.Overall.Indicators.Select(i => i.Score).Where((_, i) => i != 6));
    }

    [Fact]
    public void Rows_without_a_key_are_new_indicator_lines_and_new_parts()
    {
        var workbook = WorkbookEdit.Apply(Download(Example), edit =>
        {
            edit.Set(Overall, $"A{edit.RowWhere(Overall, "D", "群众满意度")}", null);
            edit.Set(Basic, $"A{edit.RowWhere(Basic, "A", "2.3.2")}", null);
        });

        var read = Upload(workbook, Example).Content!;

        Assert.Equal(new IndicatorLine("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93.50%", 10, 10, null), read.Overall.Indicators[^1]);
        Assert.Equal(["2.3.1", "2.3.0"], read.Basic.Lines.Where(l => l.Code.StartsWith("2.3.", StringComparison.Ordinal)).Select(l => l.Code));
        Assert.Equal("基本公共卫生服务", read.Basic.Lines.Single(l => l.Code == "2.3.0").Name);
    }

    [Fact]
    public void A_broken_workbook_lists_each_problem_with_its_sheet_row_and_column()
    {
        int amountRow = 0, headerRow = 0;
        var workbook = WorkbookEdit.Apply(Download(Example), edit =>
        {
            amountRow = edit.RowWhere(Basic, "A", "2.1");
            edit.Set(Basic, $"D{amountRow}", "八百");
            headerRow = edit.RowWhere(Overall, "A", "indicators-header");
            edit.Set(Overall, $"F{headerRow}", "实际值");
            edit.RemoveSheet(Project);
        });

        var read = Upload(workbook, Example);

        Assert.Null(read.Content);
        Assert.Equal(
        [
            $"{Basic} 第{amountRow}行 D列：「八百」不是数字",
            $"{Overall} 第{headerRow}行 F列：此处应为「实际完成值」，现为「实际值」",
            $"{Project}：缺少这张工作表：请在本系统下载的工作簿上填写，不要删除工作表",
        ], read.Problems.Select(p => p.Text));
        Assert.Equal((Basic, amountRow, "D"), (read.Problems[0].Sheet, read.Problems[0].Row, read.Problems[0].Column));
    }

    [Theory]
    [InlineData("这不是表格")]
    [InlineData("PK\u0003\u0004 broken zip")]
    public void A_file_that_is_not_a_workbook_gives_one_clear_problem(string text)
    {
        var read = Upload(System.Text.Encoding.UTF8.GetBytes(text), Example);

        var problem = Assert.Single(read.Problems);
        Assert.Contains("无法读取文件", problem.Text);
    }

    [Fact]
    public void A_workbook_of_another_evaluation_is_refused()
    {
        var read = Upload(Download(Example), Example, evaluationId: Guid.NewGuid());

        Assert.Null(read.Content);
        Assert.Contains(read.Problems, p => p.Sheet == Basic && p.Message.Contains("另一份评价", StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_someone_changed_since_the_download_is_not_overwritten_but_the_others_are_taken()
    {
        var workbook = Download(Example);
        var changedMeanwhile = Example with { Basic = Example.Basic with { SavingMeasures = "他人刚改过" } };

        var overwrite = Upload(WorkbookEdit.Apply(workbook, edit => edit.SetNumber(Basic, $"C{edit.RowWhere(Basic, "A", "staff")}", 121m)), changedMeanwhile);
        var other = Upload(WorkbookEdit.Apply(workbook, edit => edit.Set(Overall, $"F{edit.RowWhere(Overall, "D", "基层诊疗量占比")}", "61%")), changedMeanwhile);

        Assert.Contains("已被他人修改", Assert.Single(overwrite.Problems).Text);
        Assert.Empty(other.Problems);
        Assert.Equal("他人刚改过", other.Content!.Basic.SavingMeasures);
        Assert.Equal("61%", other.Content.Overall.Indicators[6].Actual);
    }

    [Fact]
    public void Project_sheet_names_are_valid_excel_names()
    {
        var name = TablesWorkbook.ProjectSheetName(12, "重大/公共:卫生*服务?补助[省级]资金项目（第二批次）绩效");

        Assert.True(name.Length <= 31);
        Assert.StartsWith("附件3-12 重大公共卫生服务补助省级", name);
        Assert.DoesNotContain(name, c => "[]:*?/\\".Contains(c));
    }

    private static void AssertSame(EvaluationContent expected, EvaluationContent? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(Json(expected.Basic), Json(actual.Basic));
        Assert.Equal(Json(expected.Overall), Json(actual.Overall));
        Assert.Equal(Json(expected.Projects), Json(actual.Projects));
        Assert.Equal(Json(expected.Sections), Json(actual.Sections));
    }

    /// <summary>Amounts compare by value: 45.6 and 45.60 are the same amount.</summary>
    private static string Json(object value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new AmountConverter() },
    };

    private sealed class AmountConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("0.00", CultureInfo.InvariantCulture));
    }
}
