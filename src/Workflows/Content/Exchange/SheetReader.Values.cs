using System.Globalization;
using System.Text.RegularExpressions;

namespace EvalWorkflow.Workflows.Content.Exchange;

/// <summary>Values by row number and column letter; what cannot be read becomes a problem with its sheet, row and column.</summary>
internal sealed partial class SheetReader
{
    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    public string? Key(int row) => cells.TryGetValue((row, 1), out var cell) && !cell.Merged ? cell.Text.Trim() : null;

    /// <summary>Nothing typed in the row from <paramref name="from"/> to <paramref name="to"/> (merged values do not count).</summary>
    public bool IsBlank(int row, char from = 'B', char to = 'I') =>
        !Enumerable.Range(from - 'A' + 1, to - from + 1).Any(c => cells.TryGetValue((row, c), out var cell) && !cell.Merged);

    public void Problem(int row, string column, string message) => problems.Add(Name, row, column, message);

    /// <summary>Checks fixed texts (headers, labels) from <paramref name="first"/> on; empty expectations are not checked.</summary>
    public void Expect(int row, char first, IReadOnlyList<string> texts)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            var column = ((char)(first + i)).ToString();
            var found = Raw(row, column)?.Text.Trim() ?? "";
            if (texts[i].Length > 0 && Spaces().Replace(found, "") != texts[i])
            {
                Problem(row, column, found.Length == 0 ? $"此处应为「{texts[i]}」，现为空" : $"此处应为「{texts[i]}」，现为「{found}」");
            }
        }
    }

    public string? Text(int row, string column)
    {
        var cell = Raw(row, column);
        if (cell is { IsError: true } error)
        {
            Problem(row, column, Unreadable(error));
            return null;
        }

        var text = cell is { IsNumber: true } c ? ToDecimal(c.Text)?.ToString(CultureInfo.InvariantCulture) : cell?.Text.Trim();
        if (text?.Length > ContentShape.MaxText)
        {
            Problem(row, column, $"文字过长（{text.Length} 字），最多 {ContentShape.MaxText} 字");
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    public decimal? Amount(int row, string column)
    {
        var value = Number(row, column);
        if (value is decimal v && Math.Abs(v) > ContentShape.MaxAmount)
        {
            Problem(row, column, $"数值 {v} 超出范围");
        }
        else if (value is decimal w && decimal.Round(w, 2) != w)
        {
            Problem(row, column, $"「{w}」最多保留两位小数");
        }

        return value;
    }

    public int? Whole(int row, string column)
    {
        var value = Number(row, column);
        if (value is decimal v && (v != decimal.Truncate(v) || v < 0 || v > 1_000_000))
        {
            Problem(row, column, $"「{v}」不是人数：应为不小于 0 的整数");
            return null;
        }

        return (int?)value;
    }

    public DateOnly? Date(int row, string column)
    {
        if (Raw(row, column) is not { } c)
        {
            return null;
        }

        if (c.IsNumber && double.TryParse(c.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }

        if (!c.IsError && DateOnly.TryParseExact(c.Text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problem(row, column, c.IsError ? Unreadable(c) : $"「{c.Text.Trim()}」不是日期（例：2025-03-31）");
        return null;
    }

    private decimal? Number(int row, string column)
    {
        if (Raw(row, column) is not { } c)
        {
            return null;
        }

        var text = c.Text.Trim();
        var value = c.IsError ? null
            : c.IsNumber ? ToDecimal(text)
            : decimal.TryParse(text.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var typed) ? typed : (decimal?)null;
        if (value is null)
        {
            Problem(row, column, c.IsError ? Unreadable(c) : $"「{text}」不是数字");
        }

        return value;
    }

    /// <summary>Excel stores doubles; like Excel's display, keep 15 significant digits, so 0.1 + 0.2 reads as 0.3.</summary>
    private static decimal? ToDecimal(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) < 1e20
            ? (decimal)d
            : null;

    /// <summary>An error value (#VALUE!) or a cell that cannot be read: never taken as blank.</summary>
    private static string Unreadable(RawCell cell) => $"单元格无法读取或是错误值：{cell.Text.Trim()}";

    private RawCell? Raw(int row, string column) => cells.TryGetValue((row, column[0] - 'A' + 1), out var cell) ? cell : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
