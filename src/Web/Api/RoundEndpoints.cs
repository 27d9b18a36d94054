using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Rounds;

namespace EvalWorkflow.Web.Api;

public sealed record CreatedRound(Guid Id);

public sealed record RemindedUnits(int Count);

public static class RoundEndpoints
{
    public static void MapRoundEndpoints(this IEndpointRouteBuilder app)
    {
        var rounds = app.MapGroup("/api/rounds").RequireAuthorization().WithTags("Rounds")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        rounds.MapGet("/", async (string? page, string? pageSize, CurrentUser user, ListRounds list, CancellationToken ct) =>
        {
            var request = PageQuery.From(page, pageSize);
            return TypedResults.Ok(await list.HandleAsync(user.Actor, request, ct));
        });

        rounds.MapPost("/", async (CreateRoundRequest request, CurrentUser user, CreateRound create, CancellationToken ct) =>
        {
            var id = await create.HandleAsync(user.Actor, request, ct);
            return TypedResults.Created($"/api/rounds/{id}", new CreatedRound(id));
        });

        // The board: the summary and one page of units; ?page=&pageSize=&stage=&overdue=true&unit=&sort=&desc=true
        rounds.MapGet("/{id:guid}", async (Guid id, string? page, string? pageSize, string? stage, bool? overdue, string? unit, string? sort, bool? desc,
            CurrentUser user, GetRoundBoard board, CancellationToken ct) =>
        {
            var query = new BoardQuery(PageQuery.From(page, pageSize), string.IsNullOrWhiteSpace(stage) ? null : stage.Trim(), overdue == true,
                unit, BoardSortOf(sort), desc == true);
            return TypedResults.Ok(await board.HandleAsync(user.Actor, id, query, ct));
        });

        rounds.MapGet("/{id:guid}/board.xlsx", async (Guid id, CurrentUser user, ExportRoundBoard export, CancellationToken ct) =>
        {
            var file = await export.HandleAsync(user.Actor, id, ct);
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        });

        rounds.MapPost("/{id:guid}/reminders", async (Guid id, RemindUnitsRequest request, CurrentUser user, RemindUnits remind,
            CancellationToken ct) =>
            TypedResults.Ok(new RemindedUnits(await remind.HandleAsync(user.Actor, id, request, ct))));

        rounds.MapPost("/{id:guid}/deadline", async (Guid id, ExtendDeadlineRequest request, CurrentUser user, ExtendDeadline extend,
            CancellationToken ct) =>
        {
            await extend.HandleAsync(user.Actor, id, request, ct);
            return TypedResults.NoContent();
        });
    }

    private static BoardSort BoardSortOf(string? sort) => sort switch
    {
        null or "" or "unit" => BoardSort.Unit,
        "stage" => BoardSort.Stage,
        "due" => BoardSort.Due,
        "submitted" => BoardSort.Submitted,
        "approved" => BoardSort.Approved,
        "lastAct" => BoardSort.LastAct,
        _ => throw new Refusal(RefusalKind.Invalid, $"未知的排序方式「{sort}」：可用 unit、stage、due、submitted、approved 或 lastAct"),
    };
}
