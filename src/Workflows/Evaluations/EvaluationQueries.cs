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

    /// <summary>Loads the content too: the report's sections and the tables.</summary>
    public static IQueryable<Evaluation> WithContent(this IQueryable<Evaluation> evaluations) => evaluations
        .Include(e => e.Sections)
        .Include(e => e.Parts);

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

    /// <summary>One evaluation the actor may see, with its workflow loaded, or a <see cref="Refusal"/> that does not tell "missing" from "not yours".</summary>
    public static async Task<Evaluation> FindVisibleAsync(this IQueryable<Evaluation> evaluations, Guid id, Actor actor, CancellationToken ct)
    {
        var evaluation = await evaluations.WithWorkflow().SingleOrDefaultAsync(e => e.Id == id, ct);
        return evaluation is not null && actor.CanSee(evaluation.Scope) ? evaluation : throw Refusal.NotFound();
    }
}
