using System.Security.Claims;
using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Persistence;

namespace EvalWorkflow.Web.Api;

/// <summary>Finance administrators' checks.</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization().WithTags("Admin")
            .ProducesProblem(StatusCodes.Status409Conflict);

        admin.MapGet("/history/verify", async (ClaimsPrincipal user, AppDbContext db, VerifyHistory verify, CancellationToken ct) =>
            TypedResults.Ok(await verify.HandleAsync(await ActorResolver.ResolveAsync(db, user, ct), ct)));
    }
}
