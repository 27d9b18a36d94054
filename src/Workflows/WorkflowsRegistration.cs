using EvalWorkflow.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Workflows;

/// <summary>A use case: one short class that does one thing a person or a job asks for, with the DbContext used directly.</summary>
/// <remarks>Marks the class for <see cref="WorkflowsRegistration.AddWorkflows"/>: a new use case needs no line in Program.cs.</remarks>
public interface IUseCase;

public static class WorkflowsRegistration
{
    /// <summary>Registers every <see cref="IUseCase"/> of this assembly, one instance per scope (per request, per job).</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        var useCases = typeof(IUseCase).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IUseCase).IsAssignableFrom(type));
        foreach (var useCase in useCases)
        {
            services.AddScoped(useCase);
        }

        services.AddSingleton<StorageHealth>();
        services.AddSingleton<StorageFailureLogging>();
        services.AddSingleton<Audit.AuditLog>();

        return services;
    }
}
