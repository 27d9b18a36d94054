using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Rounds;
using EvalWorkflow.Workflows.Setup;

namespace EvalWorkflow.Workflows.Tests.Deadlines;

public sealed class DueDatesTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Official;
    private static readonly Guid Bureau = Guid.NewGuid();

    [Fact]
    public void A_draft_is_due_on_the_rounds_submission_deadline()
    {
        var evaluation = NewEvaluation(new DateOnly(2026, 4, 30));

        var due = DueDates.For(evaluation, Calendar, new DateOnly(2026, 4, 27))!;

        Assert.Equal(new DateOnly(2026, 4, 30), due.Date);
        Assert.Equal(3, due.WorkingDaysLeft);
        Assert.Equal("提交截止日期", due.Basis);
        Assert.Equal("剩 3 个工作日", due.Status);
    }

    [Fact]
    public void The_signature_is_due_three_working_days_after_submission_counting_the_spring_festival_make_up_saturday()
    {
        // Submitted on Friday 2026-02-13: Saturday 02-14 is a make-up working day, 02-15 to 02-23 are off.
        var evaluation = Submitted(new DateOnly(2026, 4, 30), new DateTime(2026, 2, 13, 2, 0, 0, DateTimeKind.Utc));

        var due = DueDates.For(evaluation, Calendar, new DateOnly(2026, 2, 13))!;

        Assert.Equal(new DateOnly(2026, 2, 25), due.Date);
        Assert.Equal(3, due.WorkingDaysLeft);
        Assert.Equal("待单位负责人签字时限 3 个工作日", due.Basis);
    }

    [Fact]
    public void A_stage_limit_beyond_the_rounds_deadline_gives_way_to_the_deadline()
    {
        var evaluation = Submitted(new DateOnly(2026, 2, 24), new DateTime(2026, 2, 13, 2, 0, 0, DateTimeKind.Utc));

        var due = DueDates.For(evaluation, Calendar, new DateOnly(2026, 2, 13))!;

        Assert.Equal(new DateOnly(2026, 2, 24), due.Date);
        Assert.Equal("提交截止日期", due.Basis);
    }

    [Fact]
    public void After_the_due_date_the_evaluation_is_overdue_by_working_days()
    {
        var evaluation = Submitted(new DateOnly(2026, 4, 30), new DateTime(2026, 2, 13, 2, 0, 0, DateTimeKind.Utc));

        // Due 02-25; by Monday 03-02 four working days have passed: 02-26, 02-27, Saturday 02-28 (a make-up day) and 03-02.
        var due = DueDates.For(evaluation, Calendar, new DateOnly(2026, 3, 2))!;

        Assert.True(due.IsOverdue);
        Assert.Equal(-4, due.WorkingDaysLeft);
        Assert.Equal("逾期 4 个工作日", due.Status);
    }

    [Fact]
    public void A_units_extended_deadline_replaces_the_rounds()
    {
        var evaluation = NewEvaluation(new DateOnly(2026, 4, 30));
        evaluation.ExtendSubmissionDeadline(new DateOnly(2026, 5, 15));

        var due = DueDates.For(evaluation, Calendar, new DateOnly(2026, 4, 30))!;

        Assert.Equal(new DateOnly(2026, 5, 15), due.Date);
        Assert.Equal("本单位延长后的提交截止日期", due.Basis);
    }

    [Fact]
    public void Finance_review_answers_to_the_publication_date_not_the_submission_deadline()
    {
        var evaluation = Signed(new DateOnly(2026, 4, 30), new DateOnly(2026, 5, 8), new DateTime(2026, 4, 28, 2, 0, 0, DateTimeKind.Utc));

        var due = DueDates.For(evaluation, Calendar, new DateOnly(2026, 4, 28))!;

        // Ten working days from 04-28 would run past the May Day holiday to mid-May; the publication date comes first.
        Assert.Equal(new DateOnly(2026, 5, 8), due.Date);
        Assert.Equal("公开日期", due.Basis);
    }

    private static Evaluation NewEvaluation(DateOnly deadline, DateOnly? publication = null)
    {
        var round = new EvaluationRound(Bureau, "2025年度部门整体支出绩效自评", 2025, deadline, BuiltInDefinitions.DefaultKey,
            BuiltInTemplates.HunanKey, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), publication);
        return new Evaluation(round, new BudgetUnit("示例单位", Bureau), BuiltInDefinitions.Default(), BuiltInTemplates.All()[0]);
    }

    private static Evaluation Submitted(DateOnly deadline, DateTime atUtc, DateOnly? publication = null)
    {
        var evaluation = NewEvaluation(deadline, publication);
        var filer = new Actor("filer", "填表人", new HashSet<string> { Roles.Filer }, evaluation.UnitId, null);
        var blank = evaluation.Content();
        evaluation.ReplaceContent(ExampleContent.HealthBureau(blank.Sections, blank.Overall.Id, Guid.NewGuid()), filer);
        foreach (var part in evaluation.Parts)
        {
            evaluation.MarkPartReady(part.Id, true, filer, atUtc);
        }

        evaluation.Perform(WorkflowAct.Submit, filer, null, atUtc);
        return evaluation;
    }

    private static Evaluation Signed(DateOnly deadline, DateOnly publication, DateTime atUtc)
    {
        var evaluation = Submitted(deadline, atUtc, publication);
        var head = new Actor("head", "负责人", new HashSet<string> { Roles.UnitHead }, evaluation.UnitId, null);
        evaluation.Perform(WorkflowAct.Sign, head, null, atUtc);
        return evaluation;
    }
}
