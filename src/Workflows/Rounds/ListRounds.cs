using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Rounds;

public sealed record RoundSummary(Guid Id, string Title, int FiscalYear, DateOnly SubmissionDeadline, string WorkflowName, int UnitCount);

public sealed record RoundOptions(
    IReadOnlyList<(Guid Id, string Name, Guid? ParentUnitId)> Units,
    IReadOnlyList<(string Key, string Name)> Workflows,
    IReadOnlyList<(string Key, string Name)> Templates);

/// <summary>The rounds of the actor's finance bureau, and what a new round can be made of.</summary>
public sealed class ListRounds(AppDbContext db)
{
    public async Task<IReadOnlyList<RoundSummary>> HandleAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsFinanceStaff)
        {
            return [];
        }

        var rounds = await db.Rounds.AsNoTracking().Where(r => r.FinanceBureauId == actor.FinanceBureauId).ToListAsync(ct);
        var counts = await db.Evaluations.Where(e => e.Round.FinanceBureauId == actor.FinanceBureauId)
            .GroupBy(e => e.RoundId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var workflows = await LatestWorkflowsAsync(ct);
        return rounds.OrderByDescending(r => r.CreatedAtUtc)
            .Select(r => new RoundSummary(r.Id, r.Title, r.FiscalYear, r.SubmissionDeadline,
                workflows.GetValueOrDefault(r.WorkflowDefinitionKey)?.Name ?? r.WorkflowDefinitionKey,
                counts.GetValueOrDefault(r.Id)))
            .ToList();
    }

    public async Task<RoundOptions> OptionsAsync(Actor actor, CancellationToken ct = default)
    {
        var units = await db.BudgetUnits.AsNoTracking().Where(u => u.FinanceBureauId == actor.FinanceBureauId)
            .OrderBy(u => u.Name).ToListAsync(ct);
        var workflows = await LatestWorkflowsAsync(ct);
        var templates = (await db.Templates.AsNoTracking().Select(t => new { t.Key, t.Version, t.Name }).ToListAsync(ct))
            .GroupBy(t => t.Key).Select(g => g.MaxBy(t => t.Version)!).OrderBy(t => t.Key).ToList();
        return new RoundOptions(
            units.Select(u => (u.Id, u.Name, u.ParentUnitId)).ToList(),
            workflows.Values.Select(w => (w.Key, w.Name)).ToList(),
            templates.Select(t => (t.Key, t.Name)).ToList());
    }

    private async Task<Dictionary<string, Definitions.WorkflowDefinition>> LatestWorkflowsAsync(CancellationToken ct) =>
        (await db.WorkflowDefinitions.AsNoTracking().ToListAsync(ct))
            .GroupBy(w => w.Key)
            .ToDictionary(g => g.Key, g => g.MaxBy(w => w.Version)!);
}
