using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;

namespace EvalWorkflow.Workflows.Deadlines;

/// <summary>When the holder of an evaluation must act, and how many working days are left (negative: overdue).</summary>
/// <param name="Basis">Why this date: the stage's time limit or the round's deadline, in Chinese.</param>
public sealed record DueDate(DateOnly Date, int WorkingDaysLeft, string Basis)
{
    public bool IsOverdue => WorkingDaysLeft < 0;

    public string Status => WorkingDaysLeft switch
    {
        > 0 => $"剩 {WorkingDaysLeft} 个工作日",
        0 => "今天到期",
        _ => $"逾期 {-WorkingDaysLeft} 个工作日",
    };
}

/// <summary>
/// An evaluation's due date: the earlier of its stage's time limit (working days from the day it entered the stage)
/// and the round deadline that applies to the stage — the submission deadline (the unit's own when extended) before
/// the finance bureau holds it, the publication date once it does.
/// </summary>
public static class DueDates
{
    public static DueDate? For(Evaluation evaluation, WorkingCalendar calendar, DateOnly today) =>
        DateFor(evaluation, calendar) is var (date, basis) ? new DueDate(date, calendar.WorkingDaysUntil(today, date), basis) : null;

    /// <summary>The due day and why, on the official calendar unless another is given; null when nobody must act.</summary>
    public static (DateOnly Date, string Basis)? DateFor(Evaluation evaluation, WorkingCalendar? calendar = null)
    {
        calendar ??= WorkingCalendar.Official;
        var definition = evaluation.WorkflowDefinition.Body;
        var stage = definition.Stage(evaluation.Stage);
        if (stage.HolderRole is null)
        {
            return null;
        }

        var (roundDate, roundBasis) = WithFinance(definition, stage)
            ? (evaluation.Round.PublicationDate, "公开日期")
            : ((DateOnly?)evaluation.SubmissionDeadline, evaluation.SubmissionDeadlineOverride is null ? "提交截止日期" : "本单位延长后的提交截止日期");
        DateOnly? limitDate = null;
        if (stage.TimeLimitWorkingDays is int days)
        {
            var entered = ChinaDate.Of(evaluation.StageEnteredAtUtc ?? evaluation.LastActAtUtc ?? evaluation.Round.CreatedAtUtc);
            limitDate = calendar.AddWorkingDays(entered, days);
        }

        var (date, basis) = (limitDate, roundDate) switch
        {
            (DateOnly limit, DateOnly round) when limit < round => (limit, $"{stage.Name}时限 {stage.TimeLimitWorkingDays} 个工作日"),
            (_, DateOnly round) => (round, roundBasis),
            (DateOnly limit, null) => (limit, $"{stage.Name}时限 {stage.TimeLimitWorkingDays} 个工作日"),
            _ => ((DateOnly?)null, ""),
        };
        return date is DateOnly due ? (due, basis) : null;
    }

    /// <summary>Stages from the first one the finance bureau holds onwards answer to the publication date.</summary>
    private static bool WithFinance(WorkflowDefinitionBody definition, StageDefinition stage)
    {
        var stages = definition.Stages.ToList();
        var firstFinance = stages.FindIndex(s => s.HolderRole is not null && Roles.IsFinanceRole(s.HolderRole));
        return firstFinance >= 0 && stages.IndexOf(stage) >= firstFinance;
    }
}
