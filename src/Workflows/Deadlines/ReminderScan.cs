using EvalWorkflow.Workflows.Contracts;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Workflows.Deadlines;

public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Whether the recurring scan is scheduled at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the scan runs (cron, server time); every 15 minutes by default.</summary>
    public string Cron { get; set; } = "*/15 * * * *";

    /// <summary>Working days before the due date on which the holder is reminded; also on the day and daily while overdue.</summary>
    public int[] DaysBefore { get; set; } = [5, 2, 1];

    /// <summary>Overdue by this many working days, the unit head and the finance administrators are told too.</summary>
    public int EscalateAfterWorkingDays { get; set; } = 3;

    /// <summary>How many evaluations the scan reads and saves at a time: one transaction per batch.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Finds the open evaluations whose holders must be reminded today and sends each reminder exactly once: its
/// <see cref="Reminder"/> row (unique by evaluation, stage, due date, offset and kind) and its outbox message are saved
/// together, so a rerun, a restart halfway or a second scanner at the same moment sends nothing twice.
/// </summary>
/// <remarks>
/// Set-based: only evaluations whose due day (<see cref="Evaluation.DueOn"/>, indexed) falls before the last day a reminder
/// can concern are read, in batches along that index; each chunk's reminders are saved in one transaction and the change tracker is
/// cleared, so time and memory grow with the reminders due, not with the evaluations open.
/// </remarks>
public sealed class ReminderScan(AppDbContext db, TimeProvider clock, IOptions<ReminderOptions> options) : IUseCase
{
    /// <returns>How many reminders this scan sent.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var calendar = WorkingCalendar.Official;
        var today = ChinaDate.Today(clock);
        // A due day this many working days ahead or later needs no reminder today.
        var horizon = calendar.AddWorkingDays(today, settings.DaysBefore.Where(d => d > 0).DefaultIfEmpty(0).Max() + 1);
        var count = 0;
        var (lastDue, lastId) = (DateOnly.MinValue, Guid.Empty);
        while (true)
        {
            // Keyset over (due day, id) along the due-day index: each batch starts where the last one ended.
            var chunk = await db.Evaluations.AsNoTrackingWithIdentityResolution()
                .Include(e => e.Unit).Include(e => e.Round).Include(e => e.WorkflowDefinition)
                .Where(e => e.DueOn < horizon && e.DueOn >= lastDue && (e.DueOn > lastDue || e.Id.CompareTo(lastId) > 0))
                .OrderBy(e => e.DueOn).ThenBy(e => e.Id).Take(Math.Max(1, settings.BatchSize)).ToListAsync(ct);
            if (chunk.Count == 0)
            {
                return count;
            }

            count += await SendAsync(chunk, today, settings, ct);
            (lastDue, lastId) = (chunk[^1].DueOn!.Value, chunk[^1].Id);
        }
    }

    /// <summary>Sends one chunk's due reminders in one transaction; if another scanner got there first, one by one.</summary>
    private async Task<int> SendAsync(IReadOnlyList<Evaluation> chunk, DateOnly today, ReminderOptions settings, CancellationToken ct)
    {
        var due = chunk
            .Select(e => (Evaluation: e, Due: DueDates.For(e, WorkingCalendar.Official, today)))
            .Where(x => x.Due is not null)
            .SelectMany(x => Reminders(x.Due!.WorkingDaysLeft, settings).Select(r => (x.Evaluation, Due: x.Due!, r.Offset, r.Kind)))
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var ids = due.Select(d => d.Evaluation.Id).Distinct().ToList(); // at most one chunk's worth of parameters
        var sent = (await db.Reminders.AsNoTracking().Where(r => ids.Contains(r.EvaluationId))
                .Select(r => new { r.EvaluationId, r.Stage, r.DueDate, r.Offset, r.Kind }).ToListAsync(ct))
            .Select(r => (r.EvaluationId, r.Stage, r.DueDate, r.Offset, r.Kind))
            .ToHashSet();
        var unsent = due.Where(d => !sent.Contains((d.Evaluation.Id, d.Evaluation.Stage, d.Due.Date, d.Offset, d.Kind))).ToList();
        if (unsent.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var reminder in unsent)
        {
            Add(reminder, now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return unsent.Count;
        }
        catch (DbUpdateException)
        {
            // Another scanner sent some of these first: their unique keys refused the whole chunk; each is tried alone below.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        var count = 0;
        foreach (var reminder in unsent)
        {
            Add(reminder, now);
            try
            {
                await db.SaveChangesAsync(ct);
                count++;
            }
            catch (DbUpdateException)
            {
                // this one was sent by the other scanner
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return count;
    }

    private void Add((Evaluation Evaluation, DueDate Due, int Offset, ReminderKind Kind) reminder, DateTime now)
    {
        var (evaluation, dueDate, offset, kind) = reminder;
        db.Reminders.Add(new Reminder(evaluation.Id, evaluation.Stage, dueDate.Date, offset, kind, now));
        var (title, body) = Text(evaluation, dueDate, kind);
        db.OutboxMessages.Add(ReminderMessages.For(evaluation,
            kind == ReminderKind.Holder ? ReminderAudience.Holder : ReminderAudience.Escalation, title, body, now));
    }

    private static IEnumerable<(int Offset, ReminderKind Kind)> Reminders(int workingDaysLeft, ReminderOptions settings)
    {
        if (workingDaysLeft <= 0 || settings.DaysBefore.Contains(workingDaysLeft))
        {
            yield return (workingDaysLeft, ReminderKind.Holder);
        }

        if (workingDaysLeft <= -settings.EscalateAfterWorkingDays)
        {
            yield return (-settings.EscalateAfterWorkingDays, ReminderKind.Escalation);
        }
    }

    private static (string Title, string Body) Text(Evaluation evaluation, DueDate due, ReminderKind kind)
    {
        var subject = $"{evaluation.Unit.Name}《{evaluation.Round.Title}》";
        var stage = evaluation.WorkflowDefinition.Body.Stage(evaluation.Stage).Name;
        var when = $"当前阶段：{stage}，办理期限 {due.Date:yyyy-MM-dd}（{due.Basis}）。";
        return kind == ReminderKind.Escalation
            ? ($"{subject}已逾期 {-due.WorkingDaysLeft} 个工作日", $"{when}已逾期 {-due.WorkingDaysLeft} 个工作日，请督促办理。")
            : due.WorkingDaysLeft switch
            {
                > 0 => ($"{subject}还剩 {due.WorkingDaysLeft} 个工作日到期", $"{when}请及时办理。"),
                0 => ($"{subject}今天到期", $"{when}请于今天内办理。"),
                _ => ($"{subject}已逾期 {-due.WorkingDaysLeft} 个工作日", $"{when}请尽快办理。"),
            };
    }
}
