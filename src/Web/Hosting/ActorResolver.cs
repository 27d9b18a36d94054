using System.Security.Claims;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;

namespace EvalWorkflow.Web.Hosting;

/// <summary>Loads the acting user from the database for the signed-in principal: roles and unit are never taken from the client.</summary>
public static class ActorResolver
{
    /// <param name="address">Where the request came from, for the audit log.</param>
    public static async Task<Actor> ResolveAsync(AppDbContext db, ClaimsPrincipal principal, string? address, CancellationToken ct = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var actor = userId is null ? null : await Actor.LoadAsync(db, userId, address, ct);
        return actor ?? throw new Refusal(RefusalKind.NotFound, "请先登录");
    }
}
