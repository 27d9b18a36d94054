using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvalWorkflow.Workflows.Content.Exchange;

/// <summary>What the workbook says about whose tables they are.</summary>
public sealed record TablesHeading(Guid EvaluationId, string UnitName, int FiscalYear);

/// <summary>One thing wrong with an uploaded workbook. <see cref="Row"/> 0 and an empty <see cref="Column"/> mean the whole sheet.</summary>
public sealed record UploadProblem(string Sheet, int Row, string Column, string Message)
{
    /// <summary>E.g. <c>附件1 基础数据表 第12行 D列：「八百」不是数字</c>.</summary>
    public string Text => Row > 0
        ? $"{Sheet} 第{Row}行{(Column.Length > 0 ? $" {Column}列" : "")}：{Message}"
        : $"{Sheet}：{Message}";

    public override string ToString() => Text;
}

/// <summary>The tables read from a workbook (null when there were problems) and every problem found.</summary>
public sealed record TablesReadResult(EvaluationContent? Content, IReadOnlyList<UploadProblem> Problems);

/// <summary>
/// The three tables as an Excel workbook in the layout of the standard Word forms, and back. One sheet per table;
/// the hidden column A names every row (a 附件1 line code, <c>total</c>, <c>split:0:1</c>, <c>indicator</c>, …) and its
/// first cell names the table (<c>{evaluation}/{table}/{stamp}</c>), so an upload maps cells back to the document
/// whatever the sheet is called. Computed cells (rates, scores, totals) are written as values and never read.
/// </summary>
public static partial class TablesWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    internal const string BasicSheet = "附件1 基础数据表";
    internal const string OverallSheet = "附件2 整体支出绩效自评表";
    internal const string BasicTable = "basic";
    internal const string OverallTable = "overall";

    /// <summary>
    /// The blank 附件3 at the end of every workbook: filled in (or copied and filled, once per project), it becomes a new
    /// project table on upload; left blank, it changes nothing.
    /// </summary>
    internal const string NewProjectTable = "project-new";

    internal const string NewProjectSheet = "新增项目表（填写后上传即新增）";
    internal const string ProjectTable = "project:";

    internal static readonly string[] StaffHeaders = ["人员控制情况", "编制数", "实际在职人数", "控制率"];
    internal static readonly string[] LineHeaders = ["费用项目（万元）", "上年决算数", "本年预算数", "本年决算数"];
    internal static readonly string[] BuildingHeaders = ["楼堂馆所控制情况", "核定数", "实际数", "控制率"];
    internal static readonly string[] FundsHeaders = ["年度资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];
    internal static readonly string[] GoalHeaders = ["年度总体目标", "", "预期目标", "", "", "实际完成情况"];
    internal static readonly string[] IndicatorHeaders = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分", "偏差原因分析及改进措施"];
    internal static readonly string[] FooterLabels = ["填表人", "", "联系电话", "", "填报日期"];

    /// <summary>Row keys in column A.</summary>
    internal static class Keys
    {
        public const string Unit = "unit";
        public const string Staff = "staff";
        public const string StaffHeader = "staff-header";
        public const string LineHeader = "lines-header";
        public const string BuildingHeader = "buildings-header";
        public const string Area = "buildings:area";
        public const string Investment = "buildings:investment";
        public const string Saving = "saving";
        public const string Signature = "signature";
        public const string Project = "project";
        public const string Departments = "departments";
        public const string FundsHeader = "funds-header";
        public const string Total = "total";
        public const string GoalHeader = "goals-header";
        public const string Goals = "goals";
        public const string IndicatorHeader = "indicators-header";
        public const string Indicator = "indicator";
        public const string Sum = "sum";
        public const string Footer = "footer";

        public static string Split(int split) => $"split:{split}";

        public static string Split(int split, int line) => $"split:{split}:{line}";
    }

    /// <summary>Names the table in the first cell of its sheet, with a stamp of the content it was written from.</summary>
    internal static string SheetKey(Guid evaluationId, string table, object content) => $"{evaluationId}/{table}/{Stamp(content)}";

    /// <summary>A short hash of a table's values; equal values give equal stamps whatever the decimals' trailing zeros.</summary>
    internal static string Stamp(object table)
    {
        var values = table is SelfEvaluationTable t ? t with { Id = Guid.Empty } : table;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(values, StampJson))))[..16];
    }

    internal static string ProjectSheetName(int number, string? projectName)
    {
        var name = $"附件3-{number} {(string.IsNullOrWhiteSpace(projectName) ? "项目支出绩效自评表" : projectName.Trim())}";
        name = new string(name.Where(c => !"[]:*?/\\".Contains(c)).ToArray()).TrimEnd('\'');
        return name.Length > 31 ? name[..31] : name;
    }

    private static readonly JsonSerializerOptions StampJson = new() { Converters = { new TwoDecimals() } };

    private sealed class TwoDecimals : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("0.00", CultureInfo.InvariantCulture));
    }
}
