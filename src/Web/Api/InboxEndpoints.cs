using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Inbox;

namespace EvalWorkflow.Web.Api;

/// <summary>
/// The inbox over JSON: <c>GET /api/inbox</c> gives the first page of each list with the totals; each list pages on its
/// own with <c>page</c>, <c>pageSize</c> (at most 200), <c>q</c> (unit or round) and <c>sort</c> (<c>unit</c>, <c>round</c>) with <c>dir</c> (<c>asc</c>, <c>desc</c>); 待办 also
/// takes <c>colleagues=true</c> (the shared queue's tasks colleagues have claimed too) and <c>overdue=true</c>.
/// </summary>
public static class InboxEndpoints
{
    public static void MapInboxEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Inbox")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/inbox", async (string? page, string? pageSize, CurrentUser user, GetInbox inbox, CancellationToken ct) =>
            TypedResults.Ok(await inbox.HandleAsync(user.Actor, PageQuery.From(page, pageSize), ct)));

        api.MapGet("/inbox/todo", async (string? page, string? pageSize, string? q, string? sort, string? dir, string? colleagues, string? overdue,
            CurrentUser user, GetInbox inbox, CancellationToken ct) =>
            TypedResults.Ok(await inbox.TodoAsync(user.Actor, Query(page, pageSize, q, sort, dir) with
            {
                WithColleagues = Flag(colleagues, nameof(colleagues)), OverdueOnly = Flag(overdue, nameof(overdue)),
            }, ct)));

        api.MapGet("/inbox/done", async (string? page, string? pageSize, string? q, string? sort, string? dir, CurrentUser user,
            GetInbox inbox, CancellationToken ct) =>
            TypedResults.Ok(await inbox.DoneAsync(user.Actor, Query(page, pageSize, q, sort, dir), ct)));

        api.MapGet("/inbox/notifications", async (string? page, string? pageSize, CurrentUser user, GetInbox inbox,
            CancellationToken ct) =>
            TypedResults.Ok(await inbox.NotificationsAsync(user.Actor, PageQuery.From(page, pageSize), ct)));

        api.MapPost("/notifications/read", async (Guid? id, CurrentUser user, MarkNotificationsRead mark, CancellationToken ct) =>
            TypedResults.Ok(await mark.HandleAsync(user.Actor, id, ct)));
    }

    private static bool Flag(string? value, string name) => value switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw new Refusal(RefusalKind.Invalid, $"参数 {name} 应为 true 或 false，收到「{value}」"),
    };

    private static InboxQuery Query(string? page, string? pageSize, string? q, string? sort, string? dir) => new(PageQuery.From(page, pageSize), q, sort switch
    {
        null or "" or "default" => InboxSort.Default,
        "unit" => InboxSort.Unit,
        "round" => InboxSort.Round,
        _ => throw new Refusal(RefusalKind.Invalid, $"未知的排序方式「{sort}」：可用 unit 或 round"),
    }, Descending: dir switch
    {
        null or "" or "asc" => false,
        "desc" => true,
        _ => throw new Refusal(RefusalKind.Invalid, $"未知的排序方向「{dir}」：可用 asc 或 desc"),
    });
}
