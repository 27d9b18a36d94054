using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Rounds;
using Microsoft.EntityFrameworkCore;
using static EvalWorkflow.Workflows.Identity.Roles;

namespace EvalWorkflow.Workflows.Tests.Persistence;

/// <summary>
/// The inbox asks the database whose task an evaluation is (<see cref="EvaluationQueries.AwaitingActionBy"/>); the machine
/// says which duty acts a person may take. On a real SQLite file, for every built-in definition × stage × claim × person,
/// the two must agree: the query finds exactly the evaluations on which the machine permits the person a duty act.
/// </summary>
public sealed class TaskQueryTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"task-query-{Guid.NewGuid():N}.db");
    private readonly FinanceBureau bureau = new("测试市财政局");
    private readonly FinanceBureau otherBureau = new("另一市财政局");
    private BudgetUnit parent = null!;
    private BudgetUnit child = null!;
    private BudgetUnit other = null!;
    private AppDbContext db = null!;

    public async Task InitializeAsync()
    {
        db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options);
        await db.Database.MigrateAsync();
        parent = new BudgetUnit("主管部门", bureau.Id);
        child = new BudgetUnit("二级单位", bureau.Id, parent.Id);
        other = new BudgetUnit("另一单位", otherBureau.Id);
        db.AddRange(bureau, otherBureau, parent, child, other);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        File.Delete(file);
    }

    [Fact]
    public async Task The_query_finds_exactly_what_the_machine_lets_each_person_act_on()
    {
        var template = await db.Templates.SingleOrDefaultAsync(t => t.Id == BuiltInTemplates.HunanId) // an upgrade migration inserts it
            ?? db.Templates.Add(BuiltInTemplates.All()[0]).Entity;
        var claimants = new string?[] { null, "reviewer-a", "reviewer-b" };
        foreach (var definition in BuiltInDefinitions.All())
        {
            db.WorkflowDefinitions.Add(definition);
            foreach (var stage in definition.Body.Stages)
            {
                foreach (var claimant in claimants.Take(stage.SharedQueue ? 3 : 1))
                {
                    foreach (var unit in new[] { parent, child, other })
                    {
                        var round = new EvaluationRound(unit == other ? otherBureau.Id : bureau.Id, $"{definition.Key} {stage.Code} {claimant}",
                            2025, new DateOnly(2026, 3, 31), definition.Key, template.Key, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc));
                        var evaluation = new Evaluation(round, unit, definition, template);
                        db.AddRange(round, evaluation);
                        db.Entry(evaluation).Property(e => e.Stage).CurrentValue = stage.Code;
                        db.Entry(evaluation).Property(e => e.ClaimedById).CurrentValue = claimant;
                        db.Entry(evaluation).Property(e => e.ClaimedByName).CurrentValue = claimant;
                        evaluation.RefreshTask();
                    }
                }
            }
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var all = await db.Evaluations.AsNoTracking().WithWorkflow().ToListAsync();

        foreach (var actor in People())
        {
            var expected = all.Where(e => e.MachineFor(actor).PermittedActs().Any(WorkflowActs.IsDuty)).Select(e => e.Id).Order().ToList();
            var found = await db.Evaluations.AwaitingActionBy(actor).Select(e => e.Id).ToListAsync();

            Assert.True(expected.SequenceEqual(found.Order()),
                $"{actor.DisplayName}: the machine permits duty acts on {expected.Count}, the query finds {found.Count}");
        }
    }

    private IEnumerable<Actor> People()
    {
        Actor Person(string name, Guid? unit, Guid? bureauId, params string[] roles) => new(name, name, roles.ToHashSet(), unit, bureauId);
        foreach (var unit in new[] { parent, child, other })
        {
            yield return Person($"{unit.Name}填表人", unit.Id, null, Filer);
            yield return Person($"{unit.Name}负责人", unit.Id, null, UnitHead);
            yield return Person($"{unit.Name}主管部门审核人", unit.Id, null, DepartmentReviewer);
            yield return Person($"{unit.Name}填表人兼负责人", unit.Id, null, Filer, UnitHead);
        }

        foreach (var bureauId in new[] { bureau.Id, otherBureau.Id })
        {
            yield return Person("reviewer-a", null, bureauId, FinanceReviewer);
            yield return Person("reviewer-b", null, bureauId, FinanceReviewer);
            yield return Person("reviewer-c", null, bureauId, FinanceReviewer);
            yield return Person("admin", null, bureauId, FinanceAdmin);
            yield return Person("reviewer-a", null, bureauId, FinanceReviewer, FinanceAdmin);
        }

        yield return Person("无角色", parent.Id, bureau.Id);
    }
}
