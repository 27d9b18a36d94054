using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Rounds;

public sealed record RoundSummary(Guid Id, string Title, int FiscalYear, DateOnly SubmissionDeadline, string WorkflowName, int UnitCount);

public sealed record RoundOptions(
    IReadOnlyList<(Guid Id, string Name, Guid? ParentUnitId)> Units,
    IReadOnlyList<(string Key, string Name)> Workflows,
    IReadOnlyList<(string Key, string Name)> Templates);

/// <summary>The rounds of the actor's finance bureau, newest first a page at a time, and what a new round can be made of.</summary>
public sealed class ListRounds(AppDbContext db) : IUseCase
{
    public async Task<Page<RoundSummary>> HandleAsync(Actor actor, PageRequest page, CancellationToken ct = default)
    {
        if (!actor.IsFinanceStaff)
        {
            return Page<RoundSummary>.Empty(page);
        }

        var rounds = await db.Rounds.AsNoTracking().Where(r => r.FinanceBureauId == actor.FinanceBureauId)
            .OrderByDescending(r => r.CreatedAtUtc).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Title, r.FiscalYear, r.SubmissionDeadline, r.WorkflowDefinitionKey })
            .ToPageAsync(page, ct);
        var ids = rounds.Items.Select(r => r.Id).ToList();
        // Counted over the page's rounds only, on the (RoundId, Stage) index.
        var counts = await db.Evaluations.Where(e => ids.Contains(e.RoundId))
            .GroupBy(e => e.RoundId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var workflows = await LatestWorkflowsAsync(ct);
        return rounds.Map(r => new RoundSummary(r.Id, r.Title, r.FiscalYear, r.SubmissionDeadline,
            workflows.GetValueOrDefault(r.WorkflowDefinitionKey) ?? r.WorkflowDefinitionKey, counts.GetValueOrDefault(r.Id)));
    }

    /// <summary>Every unit of the bureau for the form (id, name and parent only), and the latest workflows and templates by name.</summary>
    public async Task<RoundOptions> OptionsAsync(Actor actor, CancellationToken ct = default)
    {
        var units = await db.BudgetUnits.AsNoTracking().Where(u => u.FinanceBureauId == actor.FinanceBureauId)
            .OrderBy(u => u.Name).ThenBy(u => u.Id).Select(u => new { u.Id, u.Name, u.ParentUnitId }).ToListAsync(ct);
        var workflows = await LatestWorkflowsAsync(ct);
        var templates = (await db.Templates.AsNoTracking().Select(t => new { t.Key, t.Version, t.Name }).ToListAsync(ct))
            .GroupBy(t => t.Key).Select(g => g.MaxBy(t => t.Version)!).OrderBy(t => t.Key).ToList();
        return new RoundOptions(
            units.Select(u => (u.Id, u.Name, u.ParentUnitId)).ToList(),
            workflows.Select(w => (w.Key, w.Value)).ToList(),
            templates.Select(t => (t.Key, t.Name)).ToList());
    }

    /// <summary>Each workflow's latest name by key, without the definitions' bodies.</summary>
    private async Task<Dictionary<string, string>> LatestWorkflowsAsync(CancellationToken ct) =>
        (await db.WorkflowDefinitions.AsNoTracking().Select(w => new { w.Key, w.Version, w.Name }).ToListAsync(ct))
            .GroupBy(w => w.Key)
            .ToDictionary(g => g.Key, g => g.MaxBy(w => w.Version)!.Name);
}
