using EvalWorkflow.Workflows.Contracts;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>The event a history row announces through the outbox.</summary>
internal static class Announcement
{
    public static EvaluationActed Of(Evaluation evaluation, EvaluationEvent entry)
    {
        var stage = evaluation.WorkflowDefinition.Body.Stage(entry.ToStage);
        return new EvaluationActed(entry.Id, evaluation.Id, entry.Act.ToString(), entry.FromStage, entry.ToStage,
            stage.Name, stage.HolderRole, entry.ActorId, entry.ActorName, entry.Comment,
            evaluation.UnitId, evaluation.Unit.Name, evaluation.Unit.ParentUnitId, evaluation.Round.FinanceBureauId,
            evaluation.Round.Title, entry.OccurredAtUtc, evaluation.InSharedQueue ? evaluation.ClaimedById : null);
    }
}
