using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EvalWorkflow.Workflows.Content;

/// <summary>
/// Reads a 年度指标值 (target) or 实际完成值 (actual) as written in a 绩效目标表: "≥95%", "3个工作日内",
/// "3.5万人次", "90%-95%", "2023年底前", "显著提高", "不适用". It never throws: text it cannot read is qualitative.
/// </summary>
/// <remarks>
/// The text is read after full-width characters become ASCII and all whitespace is dropped.
/// A date written as the first number wins (so "2023年" is the end of 2023, not 2023 年); otherwise the first number is the value,
/// followed by an optional 万/亿, then % ‰ or a unit; a second number after -, ~, 至 or 到 makes a range.
/// A comparison is a sign or word before the number (≥, 不低于 …), else a word straight after it (以上, 以内 …).
/// </remarks>
public static partial class IndicatorValueParser
{
    private static readonly HashSet<string> NotApplicable =
        new(["不适用", "不涉及", "无", "/", "//", "-", "--", "n/a", "na"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Signs and words written before a number or date, or anywhere in a qualitative text.</summary>
    private static readonly (string Token, Comparison Comparison)[] PrefixTokens = ByLengthDescending(
    [
        ("大于或等于", Comparison.AtLeast), ("大于等于", Comparison.AtLeast),
        ("小于或等于", Comparison.AtMost), ("小于等于", Comparison.AtMost),
        ("不低于", Comparison.AtLeast), ("不少于", Comparison.AtLeast), ("不小于", Comparison.AtLeast),
        ("不早于", Comparison.AtLeast), ("至少", Comparison.AtLeast), ("最少", Comparison.AtLeast), ("达到", Comparison.AtLeast),
        ("不超过", Comparison.AtMost), ("不高于", Comparison.AtMost), ("不多于", Comparison.AtMost), ("不大于", Comparison.AtMost),
        ("不晚于", Comparison.AtMost), ("不迟于", Comparison.AtMost), ("至多", Comparison.AtMost), ("最多", Comparison.AtMost),
        ("大于", Comparison.GreaterThan), ("高于", Comparison.GreaterThan), ("超过", Comparison.GreaterThan), ("多于", Comparison.GreaterThan),
        ("小于", Comparison.LessThan), ("低于", Comparison.LessThan), ("少于", Comparison.LessThan),
        ("等于", Comparison.Equal),
        ("≥", Comparison.AtLeast), ("≤", Comparison.AtMost), (">", Comparison.GreaterThan), ("<", Comparison.LessThan), ("=", Comparison.Equal),
    ]);

    /// <summary>Words written straight after a number and its unit: "95%以上", "3个工作日内".</summary>
    private static readonly (string Token, Comparison Comparison)[] SuffixTokens = ByLengthDescending(
    [
        ("及以上", Comparison.AtLeast), ("或以上", Comparison.AtLeast), ("以上", Comparison.AtLeast),
        ("及以下", Comparison.AtMost), ("或以下", Comparison.AtMost), ("以下", Comparison.AtMost),
        ("以内", Comparison.AtMost), ("之内", Comparison.AtMost), ("内", Comparison.AtMost),
    ]);

    /// <summary>
    /// Suffix words that also count anywhere in a text without a number ("良好以上"); a bare 内 does not,
    /// since it is part of too many words (国内, 内部).
    /// </summary>
    private static readonly (string Token, Comparison Comparison)[] QualitativeTokens = ByLengthDescending(
        [.. PrefixTokens, .. SuffixTokens.Where(t => t.Token != "内")]);

    /// <summary>Units as written → as reported. Matched longest first, so 人次 before 人 and 个工作日 before 个.</summary>
    private static readonly (string Written, string Unit)[] Units = ByLengthDescending(
    [
        ("个工作日", "工作日"), ("工作日", "工作日"), ("个百分点", "百分点"), ("百分点", "百分点"), ("个月", "月"),
        ("人次", "人次"), ("剂次", "剂次"), ("轮次", "轮次"), ("批次", "批次"), ("户次", "户次"), ("场次", "场次"),
        ("课时", "课时"), ("学时", "学时"), ("小时", "小时"), ("分钟", "分钟"), ("公里", "公里"), ("千米", "千米"),
        ("平方公里", "平方公里"), ("平方米", "平方米"), ("㎡", "平方米"), ("m²", "平方米"), ("m2", "平方米"),
        ("立方米", "立方米"), ("公顷", "公顷"), ("公斤", "公斤"), ("千克", "千克"),
        ("万元", "万元"), ("元", "元"),
        ("人", "人"), ("次", "次"), ("份", "份"), ("家", "家"), ("个", "个"), ("对", "对"), ("场", "场"),
        ("天", "天"), ("日", "日"), ("周", "周"), ("月", "月"), ("年", "年"), ("秒", "秒"), ("分", "分"),
        ("项", "项"), ("件", "件"), ("户", "户"), ("所", "所"), ("台", "台"), ("套", "套"), ("辆", "辆"),
        ("篇", "篇"), ("期", "期"), ("批", "批"), ("本", "本"), ("张", "张"), ("名", "名"), ("例", "例"),
        ("床", "床"), ("倍", "倍"), ("亩", "亩"), ("吨", "吨"), ("米", "米"), ("株", "株"), ("头", "头"),
        ("只", "只"), ("座", "座"), ("间", "间"), ("册", "册"), ("条", "条"), ("处", "处"), ("门", "门"),
        ("种", "种"), ("类", "类"), ("部", "部"), ("支", "支"), ("栋", "栋"),
    ]);

    /// <summary>Reads <paramref name="text"/>; null, empty or unreadable text is qualitative. Never throws.</summary>
    public static IndicatorValue Parse(string? text)
    {
        var original = text?.Trim() ?? "";
        var s = Normalise(original);
        if (s.Length == 0)
        {
            return Qualitative(original, Comparison.None);
        }

        if (NotApplicable.Contains(s))
        {
            return Qualitative(original, Comparison.None, isNotApplicable: true);
        }

        return ParseDate(original, s)
            ?? ParseQuantity(original, s)
            ?? Qualitative(original, FirstToken(s, 0, s.Length, QualitativeTokens)?.Comparison ?? Comparison.None);
    }

    private static IndicatorValue Qualitative(string text, Comparison comparison, bool isNotApplicable = false) =>
        new(text, comparison, null, null, null, null, IndicatorDirection.Qualitative, isNotApplicable);

    /// <summary>Full-width → ASCII, ≧ ≦ → ≥ ≤, dashes → '-', waves → '~', and no whitespace.</summary>
    private static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                continue;
            }

            sb.Append(ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                '≧' or '⩾' => '≥',
                '≦' or '⩽' => '≤',
                '—' or '–' or '―' or '−' or '‐' or '‑' => '-',
                '〜' or '∼' => '~',
                _ => ch,
            });
        }

        return sb.Replace(">=", "≥").Replace("<=", "≤").ToString();
    }

    // ---- dates ----

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})(?:年(?<m>\d{1,2})月(?<d>\d{1,2})(?!\d)[日号]?|(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})(?!\d))")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})(?:年(?<m>\d{1,2})月份?|[-/](?<m>\d{1,2})(?![\d.]))(?:底|末)?")]
    private static partial Regex YearMonth();

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})年(?:第)?(?<q>[一二三四1-4])季度(?:末)?")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})年(?<h>[上下])半年(?:末)?")]
    private static partial Regex HalfYear();

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})年度?(?:底|末)?")]
    private static partial Regex YearOnly();

    /// <summary>
    /// A date as the last day of what is written ("2023年12月" → 2023-12-31). A year outside 1900–2100 is not a date;
    /// an impossible month or day makes the text qualitative.
    /// </summary>
    private static IndicatorValue? ParseDate(string original, string s)
    {
        foreach (var pattern in (Regex[])[FullDate(), YearMonth(), Quarter(), HalfYear(), YearOnly()])
        {
            // The date must be the first number written: "≥95%（2023年）" is a percentage.
            var match = pattern.Match(s);
            if (!match.Success || s.AsSpan(0, match.Index).IndexOfAnyInRange('0', '9') >= 0)
            {
                continue;
            }

            var year = int.Parse(match.Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
            if (year is < 1900 or > 2100)
            {
                return null;
            }

            var month = match.Groups switch
            {
                var g when g["m"].Success => int.Parse(g["m"].ValueSpan, CultureInfo.InvariantCulture),
                var g when g["q"].Success => 3 * QuarterNumber(g["q"].Value[0]),
                var g when g["h"].Success => g["h"].Value == "上" ? 6 : 12,
                _ => 12,
            };
            if (month is < 1 or > 12)
            {
                return Qualitative(original, Comparison.None);
            }

            var lastDay = DateTime.DaysInMonth(year, month);
            var day = match.Groups["d"].Success ? int.Parse(match.Groups["d"].ValueSpan, CultureInfo.InvariantCulture) : lastDay;
            if (day < 1 || day > lastDay)
            {
                return Qualitative(original, Comparison.None);
            }

            // A deadline: written with a sign or word before it, else 前 / 以前 / 之前 / 底前 / 完成 / 内 after it means "by".
            var rest = s[(match.Index + match.Length)..];
            var comparison = LastToken(s, 0, match.Index, PrefixTokens)?.Comparison
                ?? (rest.Contains('前') || rest.Contains('内') || rest.Contains("完成", StringComparison.Ordinal)
                    ? Comparison.AtMost
                    : Comparison.None);
            return new IndicatorValue(original, comparison, null, null, null, new DateOnly(year, month, day),
                IndicatorDirection.Reverse, false);
        }

        return null;
    }

    private static int QuarterNumber(char written) => written switch
    {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        _ => written - '0',
    };

    // ---- numbers ----

    [GeneratedRegex(@"\G(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?")]
    private static partial Regex Number();

    /// <summary>A number as written: its value, the factor its 万 / 亿 / ‰ asks for, its unit and where it ends.</summary>
    private readonly record struct Quantity(decimal Value, decimal Factor, string? Unit, int End, bool HasSuffix);

    private static IndicatorValue? ParseQuantity(string original, string s)
    {
        var start = s.AsSpan().IndexOfAnyInRange('0', '9');
        if (start < 0)
        {
            return null;
        }

        var prefix = LastToken(s, 0, start, PrefixTokens);
        var negative = start > 0 && s[start - 1] == '-'
            && (start == 1 || !char.IsLetterOrDigit(s[start - 2]) || LastToken(s, 0, start - 1, PrefixTokens) is { End: var end } && end == start - 1);
        if (negative)
        {
            prefix = LastToken(s, 0, start - 1, PrefixTokens);
        }

        if (ReadQuantity(s, start, negative) is not { } lower)
        {
            return null;
        }

        if (s.Length > lower.End + 1 && s[lower.End] is '-' or '~' or '至' or '到')
        {
            var upperStart = lower.End + 1;
            var upperNegative = s[upperStart] == '-' && s[lower.End] != '-';
            if (ReadQuantity(s, upperNegative ? upperStart + 1 : upperStart, upperNegative) is { } upper)
            {
                // "1-2万人", "90-95%": a bare lower bound takes the upper bound's 万 / ‰ and unit.
                var lowerFactor = lower.HasSuffix ? lower.Factor : upper.Factor;
                if (Scale(lower.Value, lowerFactor) is { } from && Scale(upper.Value, upper.Factor) is { } to)
                {
                    return new IndicatorValue(original, Comparison.Between, from, to, lower.Unit ?? upper.Unit, null,
                        IndicatorDirection.Positive, false);
                }

                return null;
            }
        }

        if (Scale(lower.Value, lower.Factor) is not { } number)
        {
            return null;
        }

        var comparison = prefix?.Comparison ?? TokenAt(s, lower.End, SuffixTokens)?.Comparison ?? Comparison.None;
        var direction = comparison is Comparison.AtMost or Comparison.LessThan ? IndicatorDirection.Reverse : IndicatorDirection.Positive;
        return new IndicatorValue(original, comparison, number, null, lower.Unit, null, direction, false);
    }

    /// <summary>The number at <paramref name="start"/>, then 亿元 / 万元 / 亿 / 万, then % ‰ or a unit.</summary>
    private static Quantity? ReadQuantity(string s, int start, bool negative)
    {
        var match = Number().Match(s, start);
        if (!match.Success
            || !decimal.TryParse(match.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var numberEnd = match.Index + match.Length;
        var at = numberEnd;
        var factor = 1m;
        string? unit = null;
        if (Next(s, ref at, "亿元"))
        {
            (factor, unit) = (10_000m, "万元"); // 万元 is the money unit: 1.2亿元 is 12000 万元
        }
        else if (Next(s, ref at, "万元"))
        {
            unit = "万元";
        }
        else
        {
            if (Next(s, ref at, "亿"))
            {
                factor = 100_000_000m;
            }
            else if (Next(s, ref at, "万"))
            {
                factor = 10_000m;
            }

            if (Next(s, ref at, "%"))
            {
                unit = "%";
            }
            else if (Next(s, ref at, "‰"))
            {
                (factor, unit) = (factor / 10m, "%");
            }
            else if (Units.FirstOrDefault(u => s.AsSpan(at).StartsWith(u.Written, StringComparison.Ordinal)) is { Written: not null } found)
            {
                unit = found.Unit;
                at += found.Written.Length;
            }
        }

        return new Quantity(negative ? -value : value, factor, unit, at, at > numberEnd);
    }

    /// <summary>The value times its factor without trailing zeros (35000, not 35000.0), or null on overflow.</summary>
    private static decimal? Scale(decimal value, decimal factor)
    {
        if (factor > 1m && Math.Abs(value) > decimal.MaxValue / factor)
        {
            return null;
        }

        return value * factor / 1.0000000000000000000000000000m;
    }

    private static bool Next(string s, ref int at, string written)
    {
        if (!s.AsSpan(at).StartsWith(written, StringComparison.Ordinal))
        {
            return false;
        }

        at += written.Length;
        return true;
    }

    // ---- comparison words ----

    private readonly record struct Found(Comparison Comparison, int End);

    private static Found? TokenAt(string s, int at, (string Token, Comparison Comparison)[] tokens)
    {
        foreach (var (token, comparison) in tokens)
        {
            if (s.AsSpan(at).StartsWith(token, StringComparison.Ordinal))
            {
                return new Found(comparison, at + token.Length);
            }
        }

        return null;
    }

    /// <summary>Tokens in s[from..to), read left to right and longest first, so 不超过 is not also 超过.</summary>
    private static IEnumerable<Found> Tokens(string s, int from, int to, (string Token, Comparison Comparison)[] tokens)
    {
        var region = s[..to];
        for (var i = from; i < to;)
        {
            if (TokenAt(region, i, tokens) is { } found)
            {
                yield return found;
                i = found.End;
            }
            else
            {
                i++;
            }
        }
    }

    private static Found? FirstToken(string s, int from, int to, (string Token, Comparison Comparison)[] tokens) =>
        Tokens(s, from, to, tokens).Select(f => (Found?)f).FirstOrDefault();

    /// <summary>The token nearest the number: "满意度不低于90%" is read from 不低于.</summary>
    private static Found? LastToken(string s, int from, int to, (string Token, Comparison Comparison)[] tokens) =>
        Tokens(s, from, to, tokens).Select(f => (Found?)f).LastOrDefault();

    private static (string, T)[] ByLengthDescending<T>((string Written, T Meaning)[] items) =>
        [.. items.OrderByDescending(i => i.Written.Length)];
}
