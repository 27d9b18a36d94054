using EvalWorkflow.Workflows.Publication;
using EvalWorkflow.Workflows.Rounds;

namespace EvalWorkflow.Web.Api;

/// <summary>What anyone may read without signing in: published reports.</summary>
public static class PublicEndpoints
{
    public static void MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        var published = app.MapGroup("/api/public").AllowAnonymous().WithTags("Public").ProducesProblem(StatusCodes.Status404NotFound);
        published.MapGet("/reports", async (int? year, Guid? roundId, Guid? unitId, string? q, RoundKind? kind, PublicReports reports,
            CancellationToken ct) =>
            TypedResults.Ok(await reports.ListAsync(new PublicReportFilter(year, roundId, unitId, q, kind), ct)));
        published.MapGet("/reports/options", async (PublicReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.OptionsAsync(ct)));
        published.MapGet("/reports/{id:guid}", async (Guid id, PublicReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.GetAsync(id, ct)));
    }
}
