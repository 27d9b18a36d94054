using EvalWorkflow.Workflows.Deadlines;

namespace EvalWorkflow.Workflows.Rounds;

/// <param name="SubmissionDeadline">This unit's submission deadline: its own when extended, else the round's.</param>
public sealed record RoundBoardRow(
    Guid EvaluationId, string UnitName, string Stage, string StageName, string Holder, DueDate? Due, DateOnly SubmissionDeadline,
    DateTime? SubmittedAtUtc, DateTime? ApprovedAtUtc, string? LastAct, string? LastActorName, DateTime? LastActAtUtc)
{
    public bool IsOverdue => Due?.IsOverdue == true;
}

public sealed record StageCount(string Stage, string StageName, int Count);

/// <summary>How many submissions (first ones, or again after a return) happened on one day (Asia/Shanghai).</summary>
public sealed record DailySubmissions(DateOnly Date, int Count);

/// <param name="StageCounts">Units per stage, in the workflow's stage order, empty stages included.</param>
/// <param name="MissingCalendarYears">Years of the round's dates that have no official calendar: there only weekends are off.</param>
/// <param name="CanManage">The viewer is the round's finance administrator: may extend deadlines and remind units.</param>
public sealed record RoundBoard(
    Guid Id, string Title, int FiscalYear, DateOnly SubmissionDeadline, DateOnly? PublicationDate, IReadOnlyList<RoundBoardRow> Rows,
    IReadOnlyList<StageCount> StageCounts, IReadOnlyList<DailySubmissions> Submissions, IReadOnlyList<int> MissingCalendarYears,
    bool CanManage);
