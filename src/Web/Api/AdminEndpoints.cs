using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Evaluations;

namespace EvalWorkflow.Web.Api;

/// <summary>Finance administrators' checks: the history chain, the security audit log, locked accounts.</summary>
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

        // The security audit log: newest first; user, kind and a period of Beijing dates as filters.
        admin.MapGet("/audit", async (string? page, string? pageSize, string? user, string? kind, string? from, string? to, bool? unknownNames,
                CurrentUser current, GetAuditLog log, CancellationToken ct) =>
            TypedResults.Ok(await log.HandleAsync(current.Actor, new AuditQuery(PageQuery.From(page, pageSize), user, KindOf(kind),
                DateOf(from, "from"), DateOf(to, "to"), unknownNames ?? false), ct)))
            .ProducesProblem(StatusCodes.Status400BadRequest);

        admin.MapGet("/accounts/locked", async (string? page, string? pageSize, CurrentUser current, AccountLockouts lockouts, CancellationToken ct) =>
            TypedResults.Ok(await lockouts.ListAsync(current.Actor, PageQuery.From(page, pageSize), ct)));

        admin.MapPost("/accounts/{userName}/unlock", async (string userName, CurrentUser current, AccountLockouts lockouts, CancellationToken ct) =>
            {
                await lockouts.UnlockAsync(current.Actor, userName, ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static AuditKind? KindOf(string? kind) => string.IsNullOrWhiteSpace(kind)
        ? null
        : Enum.TryParse<AuditKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new Refusal(RefusalKind.Invalid, $"未知的审计事件类型「{kind}」：可用 {string.Join("、", Enum.GetNames<AuditKind>())}");

    private static DateOnly? DateOf(string? text, string name) => string.IsNullOrWhiteSpace(text)
        ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date)
            ? date
            : throw new Refusal(RefusalKind.Invalid, $"日期 {name} 应为 yyyy-MM-dd 格式，例如 2026-12-01");
}
