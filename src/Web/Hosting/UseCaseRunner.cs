using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.AspNetCore.Components.Authorization;

namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// Runs one use case from a Blazor event handler in a fresh DI scope (a fresh DbContext), as the circuit's signed-in user.
/// A circuit lives long; a DbContext per call keeps each act its own unit of work. A storage fault (disk full, I/O error)
/// comes back as a <see cref="StorageUnavailable"/> refusal, which the screens show like any other.
/// </summary>
public sealed class UseCaseRunner(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, CircuitAddress address, AuditLog audit)
{
    public async Task<T> RunAsync<TUseCase, T>(Func<TUseCase, Actor, Task<T>> call) where TUseCase : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        var state = await authentication.GetAuthenticationStateAsync();
        var actor = await ActorResolver.ResolveAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), state.User, address.Value);
        try
        {
            return await call(scope.ServiceProvider.GetRequiredService<TUseCase>(), actor);
        }
        catch (Refusal refusal) when (AuditLog.IsAccessRefusal(refusal))
        {
            await audit.WriteRefusalAsync(actor.UserName, actor.Address, refusal, $"页面操作 {typeof(TUseCase).Name}");
            throw;
        }
        catch (Exception exception) when (exception is not Refusal)
        {
            StorageUnavailable.ThrowIfStorageFault(exception); // shown like any refusal, in Chinese
            throw;
        }
    }
}
