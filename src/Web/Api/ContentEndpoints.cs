using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Content;

namespace EvalWorkflow.Web.Api;

/// <summary>
/// The evaluation's content as one JSON document: GET it with its findings and scores, PUT it back with the version
/// it was based on (the checks run on every PUT and come back in the response), assign tables and mark them ready;
/// download the tables as an Excel workbook and upload a filled copy (form field <c>file</c>).
/// </summary>
public static class ContentEndpoints
{
    public static void MapContentEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/evaluations/{id:guid}").RequireAuthorization().WithTags("Content")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/content", async (Guid id, CurrentUser user, GetContent query, CancellationToken ct) =>
            TypedResults.Ok(await query.HandleAsync(user.Actor, id, ct)));

        api.MapPut("/content", async (Guid id, SaveContentRequest request, CurrentUser user, SaveContent save,
            CancellationToken ct) =>
            TypedResults.Ok(await save.HandleAsync(user.Actor, id, request, ct)));

        api.MapPost("/sections/draft", async (Guid id, DraftSectionsRequest request, CurrentUser user,
            DraftSections draft, CancellationToken ct) =>
            TypedResults.Ok(await draft.HandleAsync(user.Actor, id, request, ct)));

        api.MapGet("/tables.xlsx", async (Guid id, CurrentUser user, DownloadTables download, CancellationToken ct) =>
        {
            var file = await download.HandleAsync(user.Actor, id, ct);
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        });

        // A multipart form, which minimal APIs guard with antiforgery tokens that API clients do not have. Cross-site posts
        // are no threat here: the sign-in cookie is SameSite=Lax, so a browser does not send it with another site's form.
        api.MapPost("/tables.xlsx", async (Guid id, IFormFile file, CurrentUser user, UploadTables upload,
            CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await upload.HandleAsync(user.Actor, id, stream, ct));
        }).DisableAntiforgery();

        api.MapPost("/parts/{partId:guid}/assignee", async (Guid id, Guid partId, AssignPartRequest request, CurrentUser user, AssignPart assign, CancellationToken ct) =>
            TypedResults.Ok(await assign.HandleAsync(user.Actor, id, partId, request, ct)));

        api.MapPost("/parts/{partId:guid}/ready", async (Guid id, Guid partId, MarkPartReadyRequest request, CurrentUser user, MarkPartReady mark, CancellationToken ct) =>
            TypedResults.Ok(await mark.HandleAsync(user.Actor, id, partId, request, ct)));
    }
}
