using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Persistence;

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

/// <param name="Rows">One page of units, as asked for by a <see cref="BoardQuery"/>.</param>
/// <param name="StageCounts">Units per stage, in the workflow's stage order, empty stages included.</param>
/// <param name="UnitCount">All units of the round; <see cref="OverdueCount"/> of them are overdue.</param>
/// <param name="MissingCalendarYears">Years of the round's dates that have no official calendar: there only weekends are off.</param>
/// <param name="CanManage">The viewer is the round's finance administrator: may extend deadlines and remind units.</param>
public sealed record RoundBoard(
    Guid Id, string Title, int FiscalYear, DateOnly SubmissionDeadline, DateOnly? PublicationDate, Page<RoundBoardRow> Rows,
    IReadOnlyList<StageCount> StageCounts, int UnitCount, int OverdueCount, IReadOnlyList<DailySubmissions> Submissions,
    IReadOnlyList<int> MissingCalendarYears, bool CanManage);

public enum BoardSort
{
    Unit,
    Stage,
    Due,
    Submitted,
    Approved,
    LastAct,
}

/// <summary>Which units of the board to show: a page, filtered by stage, overdue and part of the unit's name, and sorted.</summary>
public sealed record BoardQuery(PageRequest Page, string? Stage = null, bool OverdueOnly = false, string? UnitName = null,
    BoardSort Sort = BoardSort.Unit, bool Descending = false)
{
    public const int MaxUnitNameLength = 100;

    public static BoardQuery First { get; } = new(new PageRequest());

    public string? UnitNameText => UnitName?.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, MaxUnitNameLength)] : null;
}
