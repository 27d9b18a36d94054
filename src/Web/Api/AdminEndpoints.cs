using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Evaluations;

namespace EvalWorkflow.Web.Api;

/// <summary>Finance administrators' checks.</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization().WithTags("Admin")
            .ProducesProblem(StatusCodes.Status409Conflict);

        // The check runs in the background: the answer is the queued (or the already running) check, to follow by its id.
        admin.MapPost("/history/checks", async (CurrentUser user, StartHistoryCheck start, CancellationToken ct) =>
        {
            var check = await start.HandleAsync(user.Actor, ct);
            return TypedResults.Accepted($"/api/admin/history/checks/{check.Id}", check);
        });

        admin.MapGet("/history/checks/{id:guid}", async (Guid id, CurrentUser user, GetHistoryCheck get, CancellationToken ct) =>
                TypedResults.Ok(await get.HandleAsync(user.Actor, id, ct)))
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapGet("/history/checks/latest", async (CurrentUser user, GetHistoryCheck get, CancellationToken ct) =>
                TypedResults.Ok(await get.LatestAsync(user.Actor, ct)
                    ?? throw new Refusal(RefusalKind.NotFound, "本财政局尚未校验过办理记录")))
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
