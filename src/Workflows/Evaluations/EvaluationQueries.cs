using EvalWorkflow.Workflows.Identity;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Evaluations;

public static class EvaluationQueries
{
    /// <summary>Loads what the workflow needs: unit, round and pinned definition.</summary>
    public static IQueryable<Evaluation> WithWorkflow(this IQueryable<Evaluation> evaluations) => evaluations
        .Include(e => e.Unit)
        .Include(e => e.Round)
        .Include(e => e.WorkflowDefinition)
        .Include(e => e.Template);

    /// <summary>
    /// Loads the content too: the report's sections and the tables, each in a query of its own — in one, every section
    /// would be repeated for every table, each row carrying the template and definition JSON.
    /// </summary>
    public static IQueryable<Evaluation> WithContent(this IQueryable<Evaluation> evaluations) => evaluations
        .Include(e => e.Sections)
        .Include(e => e.Parts)
        .AsSplitQuery();

    /// <summary>Only what <paramref name="actor"/> may see: their unit's, their sub-units' (department reviewers), their bureau's (finance).</summary>
    public static IQueryable<Evaluation> VisibleTo(this IQueryable<Evaluation> evaluations, Actor actor)
    {
        var unitStaff = actor.UnitId is not null && (actor.IsInRole(Roles.Filer) || actor.IsInRole(Roles.UnitHead));
        var department = actor.UnitId is not null && actor.IsInRole(Roles.DepartmentReviewer);
        var finance = actor.IsFinanceStaff;
        var unitId = actor.UnitId;
        var bureauId = actor.FinanceBureauId;
        return evaluations.Where(e =>
            (unitStaff && e.UnitId == unitId)
            || (department && e.ParentUnitId == unitId)
            || (finance && e.FinanceBureauId == bureauId));
    }

    /// <summary>The same scopes as <see cref="VisibleTo(IQueryable{Evaluation}, Actor)"/>, over an involvement's copies of its evaluation's scope.</summary>
    public static IQueryable<Involvement> VisibleTo(this IQueryable<Involvement> involvements, Actor actor)
    {
        var unitStaff = actor.UnitId is not null && (actor.IsInRole(Roles.Filer) || actor.IsInRole(Roles.UnitHead));
        var department = actor.UnitId is not null && actor.IsInRole(Roles.DepartmentReviewer);
        var finance = actor.IsFinanceStaff;
        var unitId = actor.UnitId;
        var bureauId = actor.FinanceBureauId;
        return involvements.Where(i =>
            (unitStaff && i.UnitId == unitId)
            || (department && i.ParentUnitId == unitId)
            || (finance && i.FinanceBureauId == bureauId));
    }

    /// <summary>
    /// The evaluations waiting for <paramref name="actor"/> to act now (their 待办), asked of the task columns: the
    /// current holder role in the actor's own unit, sub-units or bureau, and in a shared queue unclaimed or claimed by
    /// them. It agrees with the machine's duty acts for every built-in stage and role (tested stage by stage).
    /// </summary>
    /// <param name="withColleagues">Also the shared-queue tasks colleagues have claimed (to see who holds what), which the actor cannot act on.</param>
    public static IQueryable<Evaluation> AwaitingActionBy(this IQueryable<Evaluation> evaluations, Actor actor, bool withColleagues = false)
    {
        // Guid.Empty matches no row: a clause of a role the actor lacks compares with it instead of with null,
        // which EF would turn into IS NULL.
        var unitId = actor.UnitId ?? Guid.Empty;
        var unitRoles = actor.UnitId is null ? [] : UnitRoles.Where(actor.IsInRole).ToList();
        var departmentOf = actor.IsInRole(Roles.DepartmentReviewer) ? unitId : Guid.Empty;
        var bureauId = actor.FinanceBureauId ?? Guid.Empty;
        var financeRoles = actor.FinanceBureauId is null ? [] : FinanceRoles.Where(actor.IsInRole).ToList();
        var userId = actor.UserId;
        return evaluations.Where(e =>
            (e.UnitId == unitId && unitRoles.Contains(e.HolderRole!))
            || (e.ParentUnitId == departmentOf && e.HolderRole == Roles.DepartmentReviewer)
            || (e.FinanceBureauId == bureauId && financeRoles.Contains(e.HolderRole!)
                && (withColleagues || e.HolderRole != Roles.FinanceReviewer || e.ClaimedById == null || e.ClaimedById == userId)));
    }

    private static readonly string[] UnitRoles = [Roles.Filer, Roles.UnitHead];
    private static readonly string[] FinanceRoles = [Roles.FinanceReviewer, Roles.FinanceAdmin];

    /// <summary>One evaluation the actor may see, with its workflow loaded, or a <see cref="Refusal"/> that does not tell "missing" from "not yours".</summary>
    public static async Task<Evaluation> FindVisibleAsync(this IQueryable<Evaluation> evaluations, Guid id, Actor actor, CancellationToken ct)
    {
        var evaluation = await evaluations.WithWorkflow().SingleOrDefaultAsync(e => e.Id == id, ct);
        return evaluation is not null && actor.CanSee(evaluation.Scope) ? evaluation : throw Refusal.NotFound();
    }
}
