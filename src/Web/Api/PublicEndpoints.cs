using EvalWorkflow.Workflows.Publication;
using EvalWorkflow.Workflows.Rounds;

namespace EvalWorkflow.Web.Api;

/// <summary>What anyone may read without signing in: published reports.</summary>
public static class PublicEndpoints
{
    public static void MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        var published = app.MapGroup("/api/public").AllowAnonymous().WithTags("Public").ProducesProblem(StatusCodes.Status404NotFound);
        published.MapGet("/reports", async (int? year, Guid? roundId, Guid? unitId, string? q, RoundKind? kind, string? page, string? pageSize,
            PublicReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.ListAsync(new PublicReportFilter(year, roundId, unitId, q, kind), PageQuery.From(page, pageSize), ct)))
            .ProducesProblem(StatusCodes.Status400BadRequest);
        published.MapGet("/reports/options", async (PublicReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.OptionsAsync(ct)));
        published.MapGet("/units", async (string? q, PublicReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.UnitsAsync(q, ct: ct)));
        published.MapGet("/reports/{id:guid}", async (Guid id, PublicReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.GetAsync(id, ct)));
    }
}
