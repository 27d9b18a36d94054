using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EvalWorkflow.Workflows.Tests.Persistence;

/// <summary>
/// A province's deadline: more than 40,000 evaluations fall due on one day. On a real SQLite file the scan sends each
/// reminder exactly once — no id list reaches SQLite's limit of 32,766 parameters — and a second scan sends nothing.
/// </summary>
public sealed class ReminderScanAtScaleTests : IAsyncLifetime
{
    private const int Evaluations = 40_500;
    private readonly string file = Path.Combine(Path.GetTempPath(), $"reminders-at-scale-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(ChinaDate.StartUtc(new DateOnly(2026, 2, 11)).AddHours(10)));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task More_than_40000_due_on_one_day_are_each_reminded_exactly_once()
    {
        await using (var db = Open())
        {
            await db.Database.MigrateAsync();
            await SeedAsync(db);
        }

        await using (var db = Open())
        {
            var scan = new ReminderScan(db, clock, Options.Create(new ReminderOptions()));
            Assert.Equal(Evaluations, await scan.RunAsync());
            Assert.Equal(0, await scan.RunAsync());
        }

        await using (var check = Open())
        {
            Assert.Equal(Evaluations, await check.Reminders.CountAsync(r => r.Offset == 1 && r.Kind == ReminderKind.Holder));
            Assert.Equal(Evaluations, await check.Reminders.Select(r => r.EvaluationId).Distinct().CountAsync());
            Assert.Equal(Evaluations, await check.OutboxMessages.CountAsync());
        }
    }

    private AppDbContext Open() =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={file}").Options);

    /// <summary>One round, due tomorrow (one working day left), with an evaluation for each of <see cref="Evaluations"/> units.</summary>
    private static async Task SeedAsync(AppDbContext db)
    {
        var bureau = new FinanceBureau("省财政厅");
        var definition = BuiltInDefinitions.Default();
        var template = await db.Templates.SingleAsync(t => t.Id == BuiltInTemplates.HunanId);
        var round = new EvaluationRound(bureau.Id, "2025年度部门整体支出绩效自评", 2025, new DateOnly(2026, 2, 12), definition.Key,
            template.Key, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc));
        db.AddRange(bureau, definition, round);
        await db.SaveChangesAsync();

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var batch in Enumerable.Range(1, Evaluations).Chunk(2_000))
        {
            foreach (var n in batch)
            {
                var unit = new BudgetUnit($"单位{n:D5}", bureau.Id);
                db.Attach(round);
                db.Attach(definition);
                db.Attach(template);
                db.AddRange(unit, new Evaluation(round, unit, definition, template));
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}
