using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Publication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EvalWorkflow.Web.Api;

public sealed record ActResponse(int Version);

public sealed record CreatedCorrection(Guid Id);

public sealed record SaveSectionResponse(SectionView Section, int EvaluationVersion);

/// <summary>The evaluation use cases over JSON. Refusals become problem details through <see cref="RefusalHandler"/>.</summary>
public static class EvaluationEndpoints
{
    public static void MapEvaluationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Evaluations")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/evaluations/{id:guid}", async (Guid id, CurrentUser user, GetEvaluation query, CancellationToken ct) =>
            TypedResults.Ok(await query.HandleAsync(user.Actor, id, ct)));

        api.MapPost("/evaluations/{id:guid}/acts/{act}", async Task<Results<Ok<ActResponse>, ProblemHttpResult>> (
            Guid id, string act, ActRequest request, CurrentUser user, PerformAct perform, CancellationToken ct) =>
        {
            if (!WorkflowActs.TryParse(act, out var parsed))
            {
                return TypedResults.Problem($"未知的操作「{act}」", statusCode: StatusCodes.Status400BadRequest, title: "输入有误");
            }

            var actor = user.Actor;
            return TypedResults.Ok(new ActResponse(await perform.HandleAsync(actor, id, parsed, request, ct)));
        });

        api.MapPost("/evaluations/{id:guid}/hand-over", async (Guid id, HandOverRequest request, CurrentUser user, HandOverTask handOver, CancellationToken ct) =>
            TypedResults.Ok(new ActResponse(await handOver.HandleAsync(user.Actor, id, request, ct))));

        api.MapPost("/evaluations/{id:guid}/publication-schedule", async (Guid id, SchedulePublicationRequest request, CurrentUser user, SchedulePublication schedule, CancellationToken ct) =>
            TypedResults.Ok(new ActResponse(await schedule.HandleAsync(user.Actor, id, request, ct))));

        api.MapPost("/evaluations/{id:guid}/corrections", async (Guid id, ReopenForCorrectionRequest request, CurrentUser user, ReopenForCorrection reopen, CancellationToken ct) =>
        {
            var correction = await reopen.HandleAsync(user.Actor, id, request, ct);
            return TypedResults.Created($"/api/evaluations/{correction}", new CreatedCorrection(correction));
        });

        api.MapPut("/evaluations/{id:guid}/sections/{code}", async (
            Guid id, string code, SaveSectionRequest request, CurrentUser user, SaveSection save, CancellationToken ct) =>
        {
            var (section, version) = await save.HandleAsync(user.Actor, id, code, request, ct);
            return TypedResults.Ok(new SaveSectionResponse(section, version));
        });
    }
}
