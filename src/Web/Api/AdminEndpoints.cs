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

        // The check runs in the background: the answer is the queued (or the already running) check, to follow by its id.
        admin.MapPost("/history/checks", async (ClaimsPrincipal user, AppDbContext db, StartHistoryCheck start, CancellationToken ct) =>
        {
            var check = await start.HandleAsync(await ActorResolver.ResolveAsync(db, user, ct), ct);
            return TypedResults.Accepted($"/api/admin/history/checks/{check.Id}", check);
        });

        admin.MapGet("/history/checks/{id:guid}", async (Guid id, ClaimsPrincipal user, AppDbContext db, GetHistoryCheck get, CancellationToken ct) =>
                TypedResults.Ok(await get.HandleAsync(await ActorResolver.ResolveAsync(db, user, ct), id, ct)))
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapGet("/history/checks/latest", async (ClaimsPrincipal user, AppDbContext db, GetHistoryCheck get, CancellationToken ct) =>
                TypedResults.Ok(await get.LatestAsync(await ActorResolver.ResolveAsync(db, user, ct), ct)
                    ?? throw new Refusal(RefusalKind.NotFound, "本财政局尚未校验过办理记录")))
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
