using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Web.Tests;

public sealed class ScaleDataTests : AppTest
{
    [Fact]
    public async Task A_small_scale_set_has_every_stage_real_history_and_people_who_can_sign_in()
    {
        var summary = await SeedAsync(units: 20, evaluations: 200);
        Assert.Equal(200, summary.Evaluations);

        var stages = await App.WithDbAsync(db => db.Evaluations.Where(e => e.Unit.Name.StartsWith(ScaleData.UnitNamePrefix))
            .GroupBy(e => e.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        foreach (var stage in new[] { Stages.Drafting, Stages.AwaitingSignature, Stages.FinanceReview, Stages.Approved, Stages.Published })
        {
            Assert.True(stages.GetValueOrDefault(stage) > 0, $"no evaluation in {stage}");
        }

        Assert.True(stages[Stages.Drafting] > stages.Where(s => s.Key != Stages.Drafting).Sum(s => s.Value), "most are drafts");
        Assert.True(await App.WithDbAsync(db => db.Evaluations.AnyAsync(e => e.Stage == Stages.FinanceReview && e.ClaimedById != null)));
        Assert.True(await App.WithDbAsync(db => db.Evaluations.AnyAsync(e => e.Stage == Stages.Drafting
            && db.EvaluationEvents.Any(h => h.EvaluationId == e.Id && h.Act == WorkflowAct.Return))), "a returned draft");
        Assert.True(await App.WithDbAsync(db => db.BudgetUnits.AnyAsync(u => u.Name.StartsWith(ScaleData.UnitNamePrefix) && u.ParentUnitId != null)));
        Assert.Equal(20, await App.WithDbAsync(db => db.Rounds.CountAsync(r => r.Title.Contains(ScaleData.UnitNamePrefix))));

        // Every chain links and every row's hash is what its fields give; the task columns agree with the machine.
        var events = await App.WithDbAsync(db => db.EvaluationEvents.AsNoTracking().ToListAsync());
        Assert.True(events.Count > 0);
        foreach (var chain in events.GroupBy(e => e.EvaluationId))
        {
            string? previous = null;
            foreach (var (row, i) in chain.OrderBy(e => e.Sequence).Select((row, i) => (row, i)))
            {
                Assert.Equal(i + 1, row.Sequence);
                Assert.Equal(previous, row.PreviousHash);
                Assert.Equal(row.ComputeHash(), row.Hash);
                previous = row.Hash;
            }
        }

        var open = await App.WithDbAsync(db => db.Evaluations.AsNoTracking().WithWorkflow().Where(e => e.Stage != Stages.Published).ToListAsync());
        Assert.All(open, e => Assert.Equal(e.WorkflowDefinition.Body.Stage(e.Stage).HolderRole, e.HolderRole));
        Assert.Contains(open, e => e.DueOn < new DateOnly(2026, 12, 1));

        Assert.True(await App.WithDbAsync(db => db.Notifications.AnyAsync(n => db.Users.Any(u => u.Id == n.UserId && u.UserName == "reviewer1"))));
        Assert.True(await App.WithDbAsync(db => db.Notifications.AnyAsync(n => db.Users.Any(u => u.Id == n.UserId && u.UserName == "admin1"))));
        await App.ClientForAsync(ScaleData.FilerName(0)); // the shared password hash and the role memberships work
        await App.ClientForAsync(ScaleData.HeadName(19));
    }

    [Fact]
    public async Task Seeding_the_scale_set_twice_is_refused()
    {
        await SeedAsync(units: 20, evaluations: 40);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SeedAsync(units: 20, evaluations: 40));
        Assert.Contains("已经生成过", refused.Message);
    }

    private async Task<ScaleSummary> SeedAsync(int units, int evaluations)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await ScaleData.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), TimeProvider.System, units, evaluations, _ => { });
    }
}
