using EvalWorkflow.Notifications.Delivery;
using EvalWorkflow.Workflows.Contracts;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Identity;
using MassTransit;

namespace EvalWorkflow.Notifications.InApp;

/// <summary>
/// Turns a workflow act into in-app notifications for the people who must act next (or the unit, when published).
/// Idempotent by event id: the notifications and the consumed-message row are saved in one transaction.
/// </summary>
public sealed class EvaluationActedConsumer(NotificationWriter writer, Recipients people) : IConsumer<EvaluationActed>
{
    public Task Consume(ConsumeContext<EvaluationActed> context)
    {
        var message = context.Message;
        var (title, body) = Text(message);
        return writer.DeliverOnceAsync(nameof(EvaluationActedConsumer), message.EventId, message.EvaluationId, title, body,
            async ct => (await RecipientsAsync(message, ct)).Where(id => id != message.ActorId).Distinct().ToList(),
            context.CancellationToken);
    }

    private async Task<List<string>> RecipientsAsync(EvaluationActed message, CancellationToken ct)
    {
        if (message.Act is nameof(WorkflowAct.Claim) or nameof(WorkflowAct.Release))
        {
            return [];
        }

        if (message.ClaimedById is { } holder)
        {
            return [holder]; // a claimed task is one person's: the colleagues are not disturbed
        }

        return message.ToStage == Stages.Published
            ? await people.InRolesAsync([Roles.Filer, Roles.UnitHead], u => u.UnitId == message.UnitId, ct)
            : await people.HoldersAsync(message.ToStageHolderRole, message.UnitId, message.ParentUnitId, message.FinanceBureauId, ct);
    }

    private static (string Title, string Body) Text(EvaluationActed m)
    {
        var subject = $"{m.UnitName}《{m.RoundTitle}》";
        var act = Enum.TryParse<WorkflowAct>(m.Act, out var a) ? WorkflowActs.Label(a) : m.Act;
        var title = a switch
        {
            WorkflowAct.Return => $"{subject}已被退回",
            WorkflowAct.Publish => $"{subject}已公开",
            WorkflowAct.ExtendDeadline => $"{subject}的截止日期已延长",
            WorkflowAct.HandOver => $"{subject}已转交给您：{m.ToStageName}",
            _ => $"{subject}待您处理：{m.ToStageName}",
        };
        var body = $"{m.ActorName}{act}，当前阶段：{m.ToStageName}。" + (m.Comment is null ? "" : $"意见：{m.Comment}");
        return (title, body);
    }
}
