using EvalWorkflow.Workflows.Deadlines;

namespace EvalWorkflow.Workflows.Tests;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Official;

    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-10-01", false)] // National Day
    [InlineData("2025-10-08", false)] // last day of the 2025 holiday
    [InlineData("2025-10-09", true)]
    [InlineData("2025-10-11", true)]  // make-up Saturday
    [InlineData("2025-09-28", true)]  // make-up Sunday
    [InlineData("2026-02-14", true)]  // make-up Saturday before Spring Festival 2026
    [InlineData("2026-02-16", false)] // Spring Festival
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]  // make-up Saturday after Spring Festival
    [InlineData("2026-03-07", false)] // an ordinary Saturday
    [InlineData("2027-01-04", true)]  // a year without a file: weekdays work
    [InlineData("2027-01-09", false)] // ... and weekends do not
    public void A_day_is_a_working_day_by_the_official_calendar(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));

    [Theory]
    [InlineData("2025-09-30", 1, "2025-10-09")] // the whole National Day holiday is skipped
    [InlineData("2025-09-30", 3, "2025-10-11")] // and the make-up Saturday counts
    [InlineData("2025-09-26", 1, "2025-09-28")] // make-up Sunday
    [InlineData("2026-02-13", 1, "2026-02-14")] // make-up Saturday before Spring Festival
    [InlineData("2026-02-13", 2, "2026-02-24")] // then nine days off
    [InlineData("2026-02-13", 10, "2026-03-05")] // 02-14, 24, 25, 26, 27, 28 (make-up), 03-02, 03, 04, 05
    [InlineData("2026-02-20", 0, "2026-02-20")]
    public void Adding_working_days_skips_holidays_and_counts_make_up_days(string start, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(start), days));

    [Theory]
    [InlineData("2025-09-30", "2025-10-11", 3)]
    [InlineData("2025-10-11", "2025-10-11", 0)]
    [InlineData("2025-10-13", "2025-10-11", -1)] // Sunday 10-12 is off: one working day overdue
    [InlineData("2026-02-13", "2026-02-24", 2)]
    [InlineData("2026-02-25", "2026-02-13", -3)]
    public void Working_days_left_are_counted_between_the_dates(string today, string due, int left) =>
        Assert.Equal(left, Calendar.WorkingDaysUntil(D(today), D(due)));

    [Fact]
    public void The_calendars_for_2024_to_2026_ship_with_the_product()
    {
        Assert.True(Calendar.HasCalendarFor(2024));
        Assert.True(Calendar.HasCalendarFor(2025));
        Assert.True(Calendar.HasCalendarFor(2026));
        Assert.False(Calendar.HasCalendarFor(2027));
    }

    [Fact]
    public void A_malformed_calendar_line_is_reported_with_its_place()
    {
        var error = Assert.Throws<FormatException>(() => WorkingCalendar.Parse([(2030, "# header\n2030-01-01 holiday 元旦\n")]));
        Assert.Contains("2030, line 2", error.Message);
    }
}
