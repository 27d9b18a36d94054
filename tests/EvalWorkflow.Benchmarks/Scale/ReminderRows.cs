using System.Data.Common;
using System.Diagnostics;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Benchmarks.Scale;

/// <summary>
/// The reminder scan run in this process against the scale file, with the clock set to chosen days: one before anything
/// is due, one on which the drafts of extra rounds (added for the purpose) fall due — 15,000, then 45,000 on one day.
/// The days lie before every due day of the base set, so its overdue evaluations are not reminded on them.
/// </summary>
internal sealed class ReminderRows(string databasePath, int units, int repeat, Action<string> log)
{
    private readonly DbContextOptions<AppDbContext> options =
        new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={databasePath}").Options;

    public async Task<IReadOnlyList<ResultRow>> RunAsync()
    {
        DateOnly earliest;
        int open;
        await using (var db = new AppDbContext(options))
        {
            earliest = await db.Evaluations.Where(e => e.Stage != Stages.Published && e.DueOn != null).MinAsync(e => e.DueOn!.Value);
            open = await db.Evaluations.CountAsync(e => e.Stage != Stages.Published);
        }

        var rows = new List<ResultRow>();
        var quiet = earliest.AddDays(-90);
        var nothing = new Samples();
        var nothingAllocated = new Samples("MB");
        var nothingSent = 0;
        for (var i = 0; i < repeat; i++)
        {
            var (sent, elapsed, allocated) = await ScanAsync(quiet);
            nothingSent += sent;
            nothing.Add(elapsed.TotalMilliseconds);
            nothingAllocated.Add(allocated / (1024.0 * 1024));
        }

        rows.Add(new ResultRow($"reminder scan, {open:N0} open, nothing due ({quiet:yyyy-MM-dd})", "< 1 s, < 200 MB allocated",
            $"{nothing.Describe()}; allocated {nothingAllocated.Describe()}; sent {nothingSent}",
            nothing.Median < 1000 && nothingAllocated.Median < 200 && nothingSent == 0));

        var day15 = earliest.AddDays(-30);
        var added15 = await AddDueRoundsAsync((int)Math.Ceiling(15_000.0 / units), day15);
        var (sent15, elapsed15, allocated15) = await ScanAsync(day15, limit15);
        rows.Add(new ResultRow($"reminder scan, {added15:N0} due ({day15:yyyy-MM-dd})", "≤ 30 s",
            sent15 < added15
                ? $"stopped after {elapsed15.TotalSeconds:F0} s with {sent15:N0} sent ({sent15 / elapsed15.TotalSeconds:F0}/s, all would take ≈ {added15 / Math.Max(1, sent15 / elapsed15.TotalSeconds):F0} s)"
                : $"{elapsed15.TotalSeconds:F1} s, sent {sent15:N0}, allocated {Samples.Megabytes(allocated15)}",
            elapsed15.TotalSeconds <= 30 && sent15 == added15));

        var day45 = earliest.AddDays(-60);
        var added45 = await AddDueRoundsAsync((int)Math.Ceiling(45_000.0 / units), day45);
        int sent45;
        TimeSpan elapsed45;
        long allocated45;
        try
        {
            (sent45, elapsed45, allocated45) = await ScanAsync(day45, limit45);
        }
        catch (DbException ex)
        {
            rows.Add(new ResultRow($"reminder scan, {added45:N0} due on one day ({day45:yyyy-MM-dd})", "all sent, exactly once",
                $"the scan failed: {ex.GetType().Name}: {ex.Message}", false));
            return rows;
        }

        var finished = sent45 == added45;
        var again = finished ? (await ScanAsync(day45, limit45)).Sent : -1;
        int rowsFor45, distinct45;
        await using (var db = new AppDbContext(options))
        {
            rowsFor45 = await db.Reminders.CountAsync(r => r.DueDate == day45);
            distinct45 = await db.Reminders.Where(r => r.DueDate == day45).Select(r => r.EvaluationId).Distinct().CountAsync();
        }

        rows.Add(new ResultRow($"reminder scan, {added45:N0} due on one day ({day45:yyyy-MM-dd})", "all sent, exactly once",
            (finished
                ? $"first scan sent {sent45:N0} in {elapsed45.TotalSeconds:F1} s ({Samples.Megabytes(allocated45)}), second sent {again}; "
                : $"stopped after {elapsed45.TotalSeconds:F0} s with {sent45:N0} of {added45:N0} sent ({sent45 / elapsed45.TotalSeconds:F0}/s); ")
            + $"Reminder rows {rowsFor45:N0} for {distinct45:N0} evaluations",
            finished && again == 0 && rowsFor45 == added45 && distinct45 == added45));
        return rows;
    }

    /// <summary>How long a scan may run before the benchmark stops it and reports what it sent by then.</summary>
    private static readonly TimeSpan limit15 = TimeSpan.FromSeconds(120), limit45 = TimeSpan.FromSeconds(300);

    private async Task<int> AddDueRoundsAsync(int rounds, DateOnly deadline)
    {
        await using var db = new AppDbContext(options);
        var watch = Stopwatch.StartNew();
        var added = await ScaleData.AddDraftRoundsAsync(db, TimeProvider.System, rounds, deadline, _ => { });
        log($"added {rounds} rounds, {added:N0} drafts due {deadline:yyyy-MM-dd} in {watch.Elapsed.TotalSeconds:F1} s");
        return added;
    }

    private async Task<(int Sent, TimeSpan Elapsed, long Allocated)> ScanAsync(DateOnly day, TimeSpan? limit = null)
    {
        await using var db = new AppDbContext(options);
        var scan = new ReminderScan(db, new FixedClock(ChinaDate.StartUtc(day).AddHours(9)), Options.Create(new ReminderOptions()));
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var sentBefore = await db.Reminders.CountAsync();
        using var stop = new CancellationTokenSource(limit ?? Timeout.InfiniteTimeSpan);
        var watch = Stopwatch.StartNew();
        int sent;
        try
        {
            sent = await scan.RunAsync(stop.Token);
            watch.Stop();
        }
        catch (OperationCanceledException)
        {
            // What a stopped scan sent is committed, one reminder per transaction: count it.
            watch.Stop();
            await using var counter = new AppDbContext(options);
            sent = await counter.Reminders.CountAsync() - sentBefore;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        log($"reminder scan on {day:yyyy-MM-dd}: sent {sent:N0} in {watch.Elapsed.TotalSeconds:F1} s");
        return (sent, watch.Elapsed, allocated);
    }

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
