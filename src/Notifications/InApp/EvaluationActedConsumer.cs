using EvalWorkflow.Notifications.Delivery;
using EvalWorkflow.Workflows.Contracts;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Notifications;
using EvalWorkflow.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Notifications.InApp;

/// <summary>
/// Turns a workflow act into in-app notifications for the people who must act next (or the unit, when published).
/// Idempotent by event id: the notifications and the consumed-message row are saved in one transaction.
/// </summary>
public sealed class EvaluationActedConsumer(AppDbContext db, NotificationWriter writer, NotificationFeed feed, TimeProvider clock)
    : IConsumer<EvaluationActed>
{
    private const string Name = nameof(EvaluationActedConsumer);

    public async Task Consume(ConsumeContext<EvaluationActed> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        if (await db.ConsumedMessages.AnyAsync(m => m.EventId == message.EventId && m.Consumer == Name, ct))
        {
            return;
        }

        var recipients = (await RecipientsAsync(message, ct)).Where(id => id != message.ActorId).Distinct().ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var (title, body) = Text(message);
        await writer.AddAsync(message.EventId, recipients, message.EvaluationId, title, body, now, ct);
        db.ConsumedMessages.Add(new ConsumedMessage(message.EventId, Name, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await AlreadyConsumedAsync(message.EventId, ct))
            {
                return; // a concurrent delivery of the same event won
            }

            throw;
        }

        feed.Raise(recipients);
    }

    private async Task<bool> AlreadyConsumedAsync(Guid eventId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.ConsumedMessages.AnyAsync(m => m.EventId == eventId && m.Consumer == Name, ct);
    }

    private async Task<List<string>> RecipientsAsync(EvaluationActed message, CancellationToken ct)
    {
        if (message.Act is nameof(WorkflowAct.Claim) or nameof(WorkflowAct.Release))
        {
            return [];
        }

        if (message.ToStage == Stages.Published)
        {
            return [.. await UsersAsync([Roles.Filer, Roles.UnitHead], u => u.UnitId == message.UnitId, ct)];
        }

        return message.ToStageHolderRole switch
        {
            null => [],
            Roles.Filer or Roles.UnitHead => await UsersAsync([message.ToStageHolderRole], u => u.UnitId == message.UnitId, ct),
            Roles.DepartmentReviewer => await UsersAsync([message.ToStageHolderRole], u => u.UnitId == message.ParentUnitId, ct),
            _ => await UsersAsync([message.ToStageHolderRole], u => u.FinanceBureauId == message.FinanceBureauId, ct),
        };
    }

    private Task<List<string>> UsersAsync(string[] roles, System.Linq.Expressions.Expression<Func<AppUser, bool>> scope, CancellationToken ct) =>
        db.Users.Where(scope)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))))
            .Select(u => u.Id)
            .ToListAsync(ct);

    private static (string Title, string Body) Text(EvaluationActed m)
    {
        var subject = $"{m.UnitName}《{m.RoundTitle}》";
        var act = Enum.TryParse<WorkflowAct>(m.Act, out var a) ? WorkflowActs.Label(a) : m.Act;
        var title = a switch
        {
            WorkflowAct.Return => $"{subject}已被退回",
            WorkflowAct.Publish => $"{subject}已公开",
            WorkflowAct.ExtendDeadline => $"{subject}的截止日期已延长",
            _ => $"{subject}待您处理：{m.ToStageName}",
        };
        var body = $"{m.ActorName}{act}，当前阶段：{m.ToStageName}。" + (m.Comment is null ? "" : $"意见：{m.Comment}");
        return (title, body);
    }
}
