using EvalWorkflow.Notifications.Delivery;
using EvalWorkflow.Workflows.Contracts;
using EvalWorkflow.Workflows.Identity;
using MassTransit;

namespace EvalWorkflow.Notifications.InApp;

/// <summary>
/// Delivers a reminder or a 催报 to the evaluation's holder (the reviewer who claimed it, else everyone in the holder
/// role and scope) or, for an escalation, to the unit head and the finance administrators. Idempotent by event id.
/// </summary>
public sealed class ReminderIssuedConsumer(NotificationWriter writer, Recipients people) : IConsumer<ReminderIssued>
{
    public Task Consume(ConsumeContext<ReminderIssued> context)
    {
        var message = context.Message;
        return writer.DeliverOnceAsync(nameof(ReminderIssuedConsumer), message.EventId, message.EvaluationId, message.Title, message.Body,
            async ct => await RecipientsAsync(message, ct), context.CancellationToken);
    }

    private async Task<List<string>> RecipientsAsync(ReminderIssued m, CancellationToken ct)
    {
        if (m.Audience == ReminderAudience.Escalation)
        {
            var heads = await people.InRolesAsync([Roles.UnitHead], u => u.UnitId == m.UnitId, ct);
            var admins = await people.InRolesAsync([Roles.FinanceAdmin], u => u.FinanceBureauId == m.FinanceBureauId, ct);
            return [.. heads.Union(admins)];
        }

        return m.ClaimedById is not null
            ? [m.ClaimedById]
            : await people.HoldersAsync(m.HolderRole, m.UnitId, m.ParentUnitId, m.FinanceBureauId, ct);
    }
}
