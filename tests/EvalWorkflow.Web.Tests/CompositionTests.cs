using EvalWorkflow.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Web.Tests;

public sealed class CompositionTests : AppTest
{
    /// <summary>Use cases are registered by convention: each one, with all it depends on, comes from the app's container.</summary>
    [Fact]
    public void Every_use_case_resolves_from_the_apps_container()
    {
        var useCases = typeof(IUseCase).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IUseCase).IsAssignableFrom(t)).ToList();
        using var scope = App.Services.CreateScope();

        Assert.True(useCases.Count >= 30, $"only {useCases.Count} use cases found");
        Assert.All(useCases, t => Assert.IsType(t, scope.ServiceProvider.GetRequiredService(t)));
    }
}
