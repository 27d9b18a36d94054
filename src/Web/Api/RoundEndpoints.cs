using System.Security.Claims;
using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Rounds;

namespace EvalWorkflow.Web.Api;

public sealed record CreatedRound(Guid Id);

public static class RoundEndpoints
{
    public static void MapRoundEndpoints(this IEndpointRouteBuilder app)
    {
        var rounds = app.MapGroup("/api/rounds").RequireAuthorization().WithTags("Rounds")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        rounds.MapGet("/", async (ClaimsPrincipal user, AppDbContext db, ListRounds list, CancellationToken ct) =>
            TypedResults.Ok(await list.HandleAsync(await ActorResolver.ResolveAsync(db, user, ct), ct)));

        rounds.MapPost("/", async (CreateRoundRequest request, ClaimsPrincipal user, AppDbContext db, CreateRound create, CancellationToken ct) =>
        {
            var id = await create.HandleAsync(await ActorResolver.ResolveAsync(db, user, ct), request, ct);
            return TypedResults.Created($"/api/rounds/{id}", new CreatedRound(id));
        });

        rounds.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, AppDbContext db, GetRoundBoard board, CancellationToken ct) =>
            TypedResults.Ok(await board.HandleAsync(await ActorResolver.ResolveAsync(db, user, ct), id, ct)));
    }
}
