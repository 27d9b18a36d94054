using EvalWorkflow.Workflows.Contracts;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Outbox;

namespace EvalWorkflow.Workflows.Deadlines;

/// <summary>The outbox message that carries a reminder about one evaluation to the people concerned.</summary>
internal static class ReminderMessages
{
    public static OutboxMessage For(Evaluation evaluation, ReminderAudience audience, string title, string body, DateTime nowUtc)
    {
        var stage = evaluation.WorkflowDefinition.Body.Stage(evaluation.Stage);
        var message = new ReminderIssued(Guid.NewGuid(), evaluation.Id, audience, title, body, stage.HolderRole, evaluation.ClaimedById,
            evaluation.UnitId, evaluation.ParentUnitId, evaluation.FinanceBureauId, nowUtc);
        return OutboxMessage.For(message.EventId, message, nowUtc);
    }
}
