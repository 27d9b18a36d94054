using System.Globalization;
using EvalWorkflow.Workflows.Content;

namespace EvalWorkflow.Workflows.Tests.Content;

public sealed class IndicatorValueParserTests
{
    private const IndicatorDirection Positive = IndicatorDirection.Positive;
    private const IndicatorDirection Reverse = IndicatorDirection.Reverse;
    private const IndicatorDirection Qualitative = IndicatorDirection.Qualitative;

    private static decimal? N(string? number) =>
        number is null ? null : decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static DateOnly? D(string? date) =>
        date is null ? null : DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- the examples in the spec ----

    [Theory]
    [InlineData("≥95%", Comparison.AtLeast, "95", "%", null, Positive)]
    [InlineData("95.12%", Comparison.None, "95.12", "%", null, Positive)]
    [InlineData("37500人", Comparison.None, "37500", "人", null, Positive)]
    [InlineData("37874人", Comparison.None, "37874", "人", null, Positive)]
    [InlineData("3个工作日内", Comparison.AtMost, "3", "工作日", null, Reverse)]
    [InlineData("2个工作日", Comparison.None, "2", "工作日", null, Positive)]
    [InlineData("不超过预算投入", Comparison.AtMost, null, null, null, Qualitative)]
    [InlineData("100%", Comparison.None, "100", "%", null, Positive)]
    [InlineData("102.34%", Comparison.None, "102.34", "%", null, Positive)]
    [InlineData("2023年12月31日", Comparison.None, null, null, "2023-12-31", Reverse)]
    [InlineData("2023年度完成", Comparison.AtMost, null, null, "2023-12-31", Reverse)]
    [InlineData("显著提高", Comparison.None, null, null, null, Qualitative)]
    [InlineData("全力推进", Comparison.None, null, null, null, Qualitative)]
    [InlineData("有效", Comparison.None, null, null, null, Qualitative)]
    public void Parses_the_examples_from_the_spec(
        string text, Comparison comparison, string? number, string? unit, string? date, IndicatorDirection direction)
    {
        var value = IndicatorValueParser.Parse(text);

        Assert.Equal(new IndicatorValue(text, comparison, N(number), null, unit, D(date), direction, false), value);
    }

    [Fact]
    public void Parses_not_applicable_from_the_spec_as_qualitative() =>
        Assert.Equal(
            new IndicatorValue("不适用", Comparison.None, null, null, null, null, Qualitative, true),
            IndicatorValueParser.Parse("不适用"));

    [Fact]
    public void A_target_is_written_with_a_comparison_and_an_actual_without()
    {
        Assert.True(IndicatorValueParser.Parse("≥95%").IsWrittenAsTarget);
        Assert.False(IndicatorValueParser.Parse("95.12%").IsWrittenAsTarget);
        Assert.True(IndicatorValueParser.Parse("95.12%").IsQuantitative);
        Assert.False(IndicatorValueParser.Parse("显著提高").IsQuantitative);
    }

    // ---- comparisons ----

    [Theory]
    [InlineData("≥90%", Comparison.AtLeast, "90", "%", Positive)]
    [InlineData(">90%", Comparison.GreaterThan, "90", "%", Positive)]
    [InlineData("<5%", Comparison.LessThan, "5", "%", Reverse)]
    [InlineData("≤5%", Comparison.AtMost, "5", "%", Reverse)]
    [InlineData("=100%", Comparison.Equal, "100", "%", Positive)]
    [InlineData("＞85%", Comparison.GreaterThan, "85", "%", Positive)]
    [InlineData("＜10%", Comparison.LessThan, "10", "%", Reverse)]
    [InlineData("≧92%", Comparison.AtLeast, "92", "%", Positive)]
    [InlineData("≦3天", Comparison.AtMost, "3", "天", Reverse)]
    [InlineData(">=80%", Comparison.AtLeast, "80", "%", Positive)]
    [InlineData("<=2小时", Comparison.AtMost, "2", "小时", Reverse)]
    [InlineData("大于等于95%", Comparison.AtLeast, "95", "%", Positive)]
    [InlineData("大于或等于96%", Comparison.AtLeast, "96", "%", Positive)]
    [InlineData("大于97%", Comparison.GreaterThan, "97", "%", Positive)]
    [InlineData("小于等于5%", Comparison.AtMost, "5", "%", Reverse)]
    [InlineData("小于1%", Comparison.LessThan, "1", "%", Reverse)]
    [InlineData("不低于90%", Comparison.AtLeast, "90", "%", Positive)]
    [InlineData("不少于1000人次", Comparison.AtLeast, "1000", "人次", Positive)]
    [InlineData("达到100%", Comparison.AtLeast, "100", "%", Positive)]
    [InlineData("95%以上", Comparison.AtLeast, "95", "%", Positive)]
    [InlineData("500人及以上", Comparison.AtLeast, "500", "人", Positive)]
    [InlineData("≥98%以上", Comparison.AtLeast, "98", "%", Positive)]
    [InlineData("不超过3天", Comparison.AtMost, "3", "天", Reverse)]
    [InlineData("不高于5%", Comparison.AtMost, "5", "%", Reverse)]
    [InlineData("不多于2次", Comparison.AtMost, "2", "次", Reverse)]
    [InlineData("10个工作日以内", Comparison.AtMost, "10", "工作日", Reverse)]
    [InlineData("30天以内", Comparison.AtMost, "30", "天", Reverse)]
    [InlineData("15日内", Comparison.AtMost, "15", "日", Reverse)]
    [InlineData("5%以下", Comparison.AtMost, "5", "%", Reverse)]
    [InlineData("低于3%", Comparison.LessThan, "3", "%", Reverse)]
    [InlineData("高于85%", Comparison.GreaterThan, "85", "%", Positive)]
    [InlineData("超过500人", Comparison.GreaterThan, "500", "人", Positive)]
    [InlineData("等于100%", Comparison.Equal, "100", "%", Positive)]
    [InlineData("满意度≥90%", Comparison.AtLeast, "90", "%", Positive)]
    [InlineData("群众满意度不低于85%", Comparison.AtLeast, "85", "%", Positive)]
    [InlineData("≥-2%", Comparison.AtLeast, "-2", "%", Positive)]
    [InlineData("≥95%（2023年）", Comparison.AtLeast, "95", "%", Positive)]
    public void Reads_comparison_signs_and_words(
        string text, Comparison comparison, string number, string unit, IndicatorDirection direction)
    {
        var value = IndicatorValueParser.Parse(text);

        Assert.Equal(new IndicatorValue(text, comparison, N(number), null, unit, null, direction, false), value);
    }

    // ---- units ----

    [Theory]
    [InlineData("1200人次", "1200", "人次")]
    [InlineData("5000剂次", "5000", "剂次")]
    [InlineData("12次", "12", "次")]
    [InlineData("300份", "300", "份")]
    [InlineData("20家", "20", "家")]
    [InlineData("15个", "15", "个")]
    [InlineData("50对", "50", "对")]
    [InlineData("6场", "6", "场")]
    [InlineData("3轮次", "3", "轮次")]
    [InlineData("200元", "200", "元")]
    [InlineData("5工作日", "5", "工作日")]
    [InlineData("30天", "30", "天")]
    [InlineData("15日", "15", "日")]
    [InlineData("24小时", "24", "小时")]
    [InlineData("30分钟", "30", "分钟")]
    [InlineData("8项", "8", "项")]
    [InlineData("10件", "10", "件")]
    [InlineData("120户", "120", "户")]
    [InlineData("3所", "3", "所")]
    [InlineData("50台", "50", "台")]
    [InlineData("20套", "20", "套")]
    [InlineData("6辆", "6", "辆")]
    [InlineData("12.5公里", "12.5", "公里")]
    [InlineData("1000平方米", "1000", "平方米")]
    [InlineData("800㎡", "800", "平方米")]
    [InlineData("4篇", "4", "篇")]
    [InlineData("2期", "2", "期")]
    [InlineData("3批", "3", "批")]
    [InlineData("100本", "100", "本")]
    [InlineData("500张", "500", "张")]
    [InlineData("30名", "30", "名")]
    [InlineData("200例", "200", "例")]
    [InlineData("150床", "150", "床")]
    [InlineData("3年", "3", "年")]
    [InlineData("12个月", "12", "月")]
    [InlineData("2个百分点", "2", "百分点")]
    [InlineData("90分", "90", "分")]
    [InlineData("1,234人", "1234", "人")]
    [InlineData("100", "100", null)]
    public void Reads_units_longest_first(string text, string number, string? unit)
    {
        var value = IndicatorValueParser.Parse(text);

        Assert.Equal(new IndicatorValue(text, Comparison.None, N(number), null, unit, null, Positive, false), value);
    }

    // ---- 万 and 亿 ----

    [Theory]
    [InlineData("3.5万人次", "35000", "人次")]
    [InlineData("1.5万份", "15000", "份")]
    [InlineData("2万人", "20000", "人")]
    [InlineData("3万", "30000", null)]
    [InlineData("1.2亿元", "12000", "万元")]
    [InlineData("0.8亿元", "8000", "万元")]
    [InlineData("500万元", "500", "万元")]
    [InlineData("12.34万元", "12.34", "万元")]
    [InlineData("12,345.6万元", "12345.6", "万元")]
    [InlineData("2亿", "200000000", null)]
    [InlineData("1.2亿人次", "120000000", "人次")]
    public void Multiplies_wan_and_yi_but_keeps_wanyuan_as_the_money_unit(string text, string number, string? unit)
    {
        var value = IndicatorValueParser.Parse(text);

        Assert.Equal(new IndicatorValue(text, Comparison.None, N(number), null, unit, null, Positive, false), value);
    }

    [Theory]
    [InlineData("3.5万人次", "35000")]
    [InlineData("1.2亿元", "12000")]
    [InlineData("5‰", "0.5")]
    [InlineData("95.50%", "95.5")]
    public void Numbers_carry_no_trailing_zeros(string text, string written) =>
        Assert.Equal(written, IndicatorValueParser.Parse(text).Number?.ToString(CultureInfo.InvariantCulture));

    // ---- percent and per mille ----

    [Theory]
    [InlineData("0.5％", Comparison.None, "0.5", Positive)]
    [InlineData("≥99.9%", Comparison.AtLeast, "99.9", Positive)]
    [InlineData("5‰", Comparison.None, "0.5", Positive)]
    [InlineData("≤5‰", Comparison.AtMost, "0.5", Reverse)]
    [InlineData("≤0.3‰", Comparison.AtMost, "0.03", Reverse)]
    [InlineData("低于12‰", Comparison.LessThan, "1.2", Reverse)]
    [InlineData("-5%", Comparison.None, "-5", Positive)]
    public void Reads_percent_and_per_mille_as_percent(
        string text, Comparison comparison, string number, IndicatorDirection direction)
    {
        var value = IndicatorValueParser.Parse(text);

        Assert.Equal(new IndicatorValue(text, comparison, N(number), null, "%", null, direction, false), value);
    }

    // ---- full-width characters and whitespace ----

    [Theory]
    [InlineData("≥９５％", Comparison.AtLeast, "95", "%", Positive)]
    [InlineData("不少于１０００人次", Comparison.AtLeast, "1000", "人次", Positive)]
    [InlineData("９５．５％", Comparison.None, "95.5", "%", Positive)]
    [InlineData("＞＝９０％", Comparison.AtLeast, "90", "%", Positive)]
    [InlineData("≦５天", Comparison.AtMost, "5", "天", Reverse)]
    [InlineData("３．５万人次", Comparison.None, "35000", "人次", Positive)]
    [InlineData("１，０００人", Comparison.None, "1000", "人", Positive)]
    [InlineData("≥ 95 %", Comparison.AtLeast, "95", "%", Positive)]
    [InlineData("3 个 工作日 内", Comparison.AtMost, "3", "工作日", Reverse)]
    [InlineData("不 低 于　８０％", Comparison.AtLeast, "80", "%", Positive)]
    public void Reads_full_width_characters_and_ignores_whitespace(
        string text, Comparison comparison, string number, string unit, IndicatorDirection direction)
    {
        var value = IndicatorValueParser.Parse(text);

        Assert.Equal(new IndicatorValue(text, comparison, N(number), null, unit, null, direction, false), value);
    }

    [Fact]
    public void Keeps_the_original_text_trimmed() =>
        Assert.Equal("≥ ９５％", IndicatorValueParser.Parse("　 ≥ ９５％ \t").Text);

    // ---- ranges ----

    [Theory]
    [InlineData("90%-95%", "90", "95", "%")]
    [InlineData("90～95%", "90", "95", "%")]
    [InlineData("90%至95%", "90", "95", "%")]
    [InlineData("90%~95%", "90", "95", "%")]
    [InlineData("85%—90%", "85", "90", "%")]
    [InlineData("2到3个工作日", "2", "3", "工作日")]
    [InlineData("1-2万人", "10000", "20000", "人")]
    [InlineData("1万-2万人次", "10000", "20000", "人次")]
    [InlineData("3‰-5‰", "0.3", "0.5", "%")]
    [InlineData("100-200万元", "100", "200", "万元")]
    [InlineData("８０％－９０％", "80", "90", "%")]
    public void Reads_ranges_with_the_lower_bound_as_the_number(string text, string lower, string upper, string unit)
    {
        var value = IndicatorValueParser.Parse(text);

        Assert.Equal(new IndicatorValue(text, Comparison.Between, N(lower), N(upper), unit, null, Positive, false), value);
    }

    // ---- dates ----

    [Theory]
    [InlineData("2023-12-31", Comparison.None, "2023-12-31")]
    [InlineData("2024/6/30", Comparison.None, "2024-06-30")]
    [InlineData("2024.06.30", Comparison.None, "2024-06-30")]
    [InlineData("2023年12月", Comparison.None, "2023-12-31")]
    [InlineData("2024-06", Comparison.None, "2024-06-30")]
    [InlineData("2025年", Comparison.None, "2025-12-31")]
    [InlineData("2025年底", Comparison.None, "2025-12-31")]
    [InlineData("2023年底前", Comparison.AtMost, "2023-12-31")]
    [InlineData("2024年6月底前", Comparison.AtMost, "2024-06-30")]
    [InlineData("2024年2月底前", Comparison.AtMost, "2024-02-29")]
    [InlineData("2023年12月31日前", Comparison.AtMost, "2023-12-31")]
    [InlineData("2024年6月30日以前", Comparison.AtMost, "2024-06-30")]
    [InlineData("2024年9月30日之前", Comparison.AtMost, "2024-09-30")]
    [InlineData("2024年10月15日完成", Comparison.AtMost, "2024-10-15")]
    [InlineData("2023年内", Comparison.AtMost, "2023-12-31")]
    [InlineData("不晚于2024年10月31日", Comparison.AtMost, "2024-10-31")]
    [InlineData("2024年第三季度", Comparison.None, "2024-09-30")]
    [InlineData("2024年一季度末前", Comparison.AtMost, "2024-03-31")]
    [InlineData("2024年上半年", Comparison.None, "2024-06-30")]
    [InlineData("2024年下半年完成", Comparison.AtMost, "2024-12-31")]
    [InlineData("２０２４年１２月３１日前", Comparison.AtMost, "2024-12-31")]
    public void Reads_dates_as_deadlines_where_earlier_is_better(string text, Comparison comparison, string date)
    {
        var value = IndicatorValueParser.Parse(text);

        Assert.Equal(new IndicatorValue(text, comparison, null, null, null, D(date), Reverse, false), value);
    }

    [Theory]
    [InlineData("2023年13月")]
    [InlineData("2023年2月30日")]
    [InlineData("2023-02-29")]
    public void Reads_an_impossible_date_as_qualitative(string text) =>
        Assert.Equal(
            new IndicatorValue(text, Comparison.None, null, null, null, null, Qualitative, false),
            IndicatorValueParser.Parse(text));

    // ---- qualitative and not applicable ----

    [Theory]
    [InlineData("良好", Comparison.None)]
    [InlineData("达标", Comparison.None)]
    [InlineData("合格", Comparison.None)]
    [InlineData("逐步改善", Comparison.None)]
    [InlineData("较上年有所提升", Comparison.None)]
    [InlineData("无重大安全事故", Comparison.None)]
    [InlineData("按时完成内部审计", Comparison.None)]
    [InlineData("高于全国平均水平", Comparison.GreaterThan)]
    [InlineData("不低于上年", Comparison.AtLeast)]
    [InlineData("达到国家标准", Comparison.AtLeast)]
    [InlineData("良好以上", Comparison.AtLeast)]
    [InlineData("低于上年水平", Comparison.LessThan)]
    [InlineData("不高于同类项目", Comparison.AtMost)]
    public void Reads_words_without_a_number_as_qualitative(string text, Comparison comparison) =>
        Assert.Equal(
            new IndicatorValue(text, comparison, null, null, null, null, Qualitative, false),
            IndicatorValueParser.Parse(text));

    [Theory]
    [InlineData("/")]
    [InlineData("—")]
    [InlineData("——")]
    [InlineData("－")]
    [InlineData("无")]
    [InlineData("不涉及")]
    [InlineData("N/A")]
    public void Reads_not_applicable_marks(string text) =>
        Assert.Equal(
            new IndicatorValue(text, Comparison.None, null, null, null, null, Qualitative, true),
            IndicatorValueParser.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t　")]
    public void Reads_empty_text_as_qualitative_without_a_number(string? text) =>
        Assert.Equal(
            new IndicatorValue("", Comparison.None, null, null, null, null, Qualitative, false),
            IndicatorValueParser.Parse(text));

    [Theory]
    [InlineData("99999999999999999999999999999999")]
    [InlineData("9999999999999999999999999亿")]
    [InlineData("%%%")]
    [InlineData("≥")]
    [InlineData("1-")]
    [InlineData("至")]
    [InlineData("万元")]
    [InlineData("..5")]
    public void Never_throws_on_text_it_cannot_read(string text)
    {
        var value = IndicatorValueParser.Parse(text);

        Assert.Equal(text, value.Text);
        Assert.False(value.IsNotApplicable);
    }
}
