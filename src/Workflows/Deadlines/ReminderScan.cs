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
}

/// <summary>
/// Finds the open evaluations whose holders must be reminded today and sends each reminder exactly once: its
/// <see cref="Reminder"/> row (unique by evaluation, stage, due date, offset and kind) and its outbox message are saved
/// together, so a rerun, a restart halfway or a second scanner at the same moment sends nothing twice.
/// </summary>
public sealed class ReminderScan(AppDbContext db, TimeProvider clock, IOptions<ReminderOptions> options)
{
    /// <returns>How many reminders this scan sent.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var today = ChinaDate.Today(clock);
        var open = await db.Evaluations.AsNoTracking().WithWorkflow().Where(e => e.Stage != Stages.Published).ToListAsync(ct);
        var due = open
            .Select(e => (Evaluation: e, Due: DueDates.For(e, WorkingCalendar.Official, today)))
            .Where(x => x.Due is not null)
            .SelectMany(x => Reminders(x.Due!.WorkingDaysLeft, settings).Select(r => (x.Evaluation, Due: x.Due!, r.Offset, r.Kind)))
            .ToList();

        var ids = due.Select(d => d.Evaluation.Id).Distinct().ToList();
        var sent = (await db.Reminders.AsNoTracking().Where(r => ids.Contains(r.EvaluationId))
                .Select(r => new { r.EvaluationId, r.Stage, r.DueDate, r.Offset, r.Kind }).ToListAsync(ct))
            .Select(r => (r.EvaluationId, r.Stage, r.DueDate, r.Offset, r.Kind))
            .ToHashSet();

        var count = 0;
        foreach (var (evaluation, dueDate, offset, kind) in due)
        {
            ct.ThrowIfCancellationRequested();
            if (sent.Contains((evaluation.Id, evaluation.Stage, dueDate.Date, offset, kind)))
            {
                continue;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            db.Reminders.Add(new Reminder(evaluation.Id, evaluation.Stage, dueDate.Date, offset, kind, now));
            var (title, body) = Text(evaluation, dueDate, kind);
            db.OutboxMessages.Add(ReminderMessages.For(evaluation,
                kind == ReminderKind.Holder ? ReminderAudience.Holder : ReminderAudience.Escalation, title, body, now));
            try
            {
                await db.SaveChangesAsync(ct);
                count++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another scanner sent this one first: its unique key refused ours
            }
        }

        return count;
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
