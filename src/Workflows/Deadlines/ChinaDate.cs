namespace EvalWorkflow.Workflows.Deadlines;

/// <summary>Dates as the users live them: Asia/Shanghai, UTC+8 all year (China keeps no daylight saving time).</summary>
public static class ChinaDate
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Of(DateTime utc) => DateOnly.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc) + Offset);

    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow().UtcDateTime);

    /// <summary>The instant a China date begins, in UTC.</summary>
    public static DateTime StartUtc(DateOnly date) => DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);
}
