using System.Globalization;

namespace EvalWorkflow.Workflows.Deadlines;

/// <summary>
/// Working days by the official calendar (Asia/Shanghai dates): weekends and public holidays off, make-up
/// days (调休) on. Each year is a file in Deadlines/Calendars; a year without one counts weekends only.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, bool> exceptions;
    private readonly HashSet<int> years;

    private WorkingCalendar(Dictionary<DateOnly, bool> exceptions, HashSet<int> years)
    {
        this.exceptions = exceptions;
        this.years = years;
    }

    /// <summary>The calendars shipped with the product.</summary>
    public static WorkingCalendar Official { get; } = LoadEmbedded();

    public bool HasCalendarFor(int year) => years.Contains(year);

    public bool IsWorkingDay(DateOnly date) =>
        exceptions.TryGetValue(date, out var working) ? working : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The date <paramref name="days"/> working days after <paramref name="start"/> (which itself does not count).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = start;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>
    /// Working days left from <paramref name="today"/> until <paramref name="due"/>: the working days after today up to
    /// and including the due date. Zero on the due date; negative (working days overdue) after it.
    /// </summary>
    public int WorkingDaysUntil(DateOnly today, DateOnly due)
    {
        var (from, to, sign) = today <= due ? (today, due, 1) : (due, today, -1);
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return sign * count;
    }

    /// <summary>Reads calendar files: lines of "yyyy-MM-dd off|work name", '#' starts a comment.</summary>
    public static WorkingCalendar Parse(IEnumerable<(int Year, string Text)> files)
    {
        var exceptions = new Dictionary<DateOnly, bool>();
        var years = new HashSet<int>();
        foreach (var (year, text) in files)
        {
            years.Add(year);
            foreach (var (line, number) in text.Split('\n').Select((l, i) => (l.Trim(), i + 1)))
            {
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2
                    || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    || parts[1] is not ("off" or "work"))
                {
                    throw new FormatException($"Calendar {year}, line {number}: expected 'yyyy-MM-dd off|work name', found '{line}'.");
                }

                exceptions[date] = parts[1] == "work";
            }
        }

        return new WorkingCalendar(exceptions, years);
    }

    private static WorkingCalendar LoadEmbedded()
    {
        var assembly = typeof(WorkingCalendar).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Calendars.", StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (int.Parse(n.Split('.')[1], CultureInfo.InvariantCulture), reader.ReadToEnd());
            });
        return Parse(files);
    }
}
