using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Publication;

namespace EvalWorkflow.Web.Api;

/// <summary>
/// Reports as Word documents: a published report for anyone, and a round's published reports as one zip for its
/// finance administrator. The zip comes from the cache when the round screen built it and names its token, else it is built now.
/// </summary>
public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/reports/{id:guid}.docx", async (Guid id, DownloadPublishedReport download, CancellationToken ct) =>
            {
                var file = await download.HandleAsync(id, ct);
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .AllowAnonymous().WithTags("Public").ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/rounds/{id:guid}/reports.zip", async (Guid id, string? token, CurrentUser user,
                PreparedDownloads prepared, BuildRoundArchive archive, CancellationToken ct) =>
            {
                var actor = user.Actor;
                var file = prepared.Take(token, actor.UserId, ArchiveResource(id))
                    ?? await archive.HandleAsync(actor, id, progress: null, ct);
                // The result closes the stream once sent, which deletes the temporary file.
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .RequireAuthorization().WithTags("Rounds")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>What a prepared round archive is kept for, so that its token fetches nothing else.</summary>
    public static string ArchiveResource(Guid roundId) => $"rounds/{roundId}/reports.zip";
}
