using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;

namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// The signed-in person as an endpoint parameter, loaded from the database once per request (roles and unit never come
/// from the client): an endpoint names the use case it runs and who runs it, nothing about how to find them.
/// </summary>
public sealed record CurrentUser(Actor Actor)
{
    /// <exception cref="Workflows.Evaluations.Refusal">When nobody is signed in, or the account no longer exists.</exception>
    public static async ValueTask<CurrentUser?> BindAsync(HttpContext context)
    {
        if (context.Items[typeof(CurrentUser)] is CurrentUser known)
        {
            return known;
        }

        var db = context.RequestServices.GetRequiredService<AppDbContext>();
        var user = new CurrentUser(await ActorResolver.ResolveAsync(db, context.User, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted));
        context.Items[typeof(CurrentUser)] = user;
        return user;
    }
}
