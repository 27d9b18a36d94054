using EvalWorkflow.Notifications.Delivery;
using EvalWorkflow.Notifications.InApp;
using EvalWorkflow.Workflows.Contracts;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Persistence;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Notifications.Tests;

public sealed class EvaluationActedConsumerTests : IAsyncLifetime
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"evalworkflow-consumer-{Guid.NewGuid():N}.db");
    private ServiceProvider services = null!;
    private BudgetUnit unit = null!;
    private FinanceBureau bureau = null!;

    public async Task InitializeAsync()
    {
        services = new ServiceCollection()
            .AddDbContext<AppDbContext>(o => o.UseSqlite($"Data Source={databasePath}"))
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<NotificationFeed>()
            .AddOptions()
            .AddScoped<NotificationWriter>()
            .AddScoped<Recipients>()
            .AddMassTransitTestHarness(bus => bus.AddConsumer<EvaluationActedConsumer>())
            .BuildServiceProvider(true);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        bureau = new FinanceBureau("测试财政局");
        unit = new BudgetUnit("测试单位", bureau.Id);
        db.AddRange(bureau, unit);
        var headRole = new IdentityRole(Roles.UnitHead) { NormalizedName = Roles.UnitHead.ToUpperInvariant() };
        var filerRole = new IdentityRole(Roles.Filer) { NormalizedName = Roles.Filer.ToUpperInvariant() };
        db.Roles.AddRange(headRole, filerRole);
        await db.SaveChangesAsync();
        AddUser(db, "head", unit.Id, headRole);
        AddUser(db, "filer", unit.Id, filerRole);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(databasePath);
    }

    [Fact]
    public async Task The_same_event_delivered_twice_notifies_the_next_holder_once()
    {
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var submitted = Submitted(actorId: "filer");

        await harness.Bus.Publish(submitted);
        await harness.Bus.Publish(submitted);

        for (var i = 0; i < 100 && harness.Consumed.Select<EvaluationActed>().Count() < 2; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, harness.Consumed.Select<EvaluationActed>().Count());
        await using var scope = services.CreateAsyncScope();
        var notifications = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Notifications.ToListAsync();
        var notification = Assert.Single(notifications);
        Assert.Equal("head", notification.UserId);
        Assert.Contains("测试单位", notification.Title);
    }

    [Fact]
    public async Task The_actor_is_not_notified_of_their_own_act()
    {
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(Submitted(actorId: "head"));

        Assert.True(await harness.Consumed.Any<EvaluationActed>());
        await using var scope = services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Notifications.ToListAsync());
    }

    private EvaluationActed Submitted(string actorId) => new(
        Guid.NewGuid(), Guid.NewGuid(), "Submit", "Drafting", "AwaitingSignature", "待单位负责人签字", Roles.UnitHead,
        actorId, "某人", null, unit.Id, unit.Name, null, bureau.Id, "2025年度部门整体支出绩效自评", DateTime.UtcNow);

    private static void AddUser(AppDbContext db, string id, Guid unitId, IdentityRole role)
    {
        db.Users.Add(new AppUser { Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), DisplayName = id, UnitId = unitId });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = role.Id });
    }
}
