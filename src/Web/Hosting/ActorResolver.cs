using System.Security.Claims;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;

namespace EvalWorkflow.Web.Hosting;

/// <summary>Loads the acting user from the database for the signed-in principal: roles and unit are never taken from the client.</summary>
public static class ActorResolver
{
    public static async Task<Actor> ResolveAsync(AppDbContext db, ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var actor = userId is null ? null : await Actor.LoadAsync(db, userId, ct);
        return actor ?? throw new Refusal(RefusalKind.NotFound, "请先登录");
    }
}
