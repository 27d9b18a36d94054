using EvalWorkflow.Notifications.Delivery;
using EvalWorkflow.Workflows.Contracts;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Notifications;
using EvalWorkflow.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Notifications.InApp;

/// <summary>
/// Delivers a reminder or a 催报 to the evaluation's holder (the reviewer who claimed it, else everyone in the holder
/// role and scope) or, for an escalation, to the unit head and the finance administrators. Idempotent by event id.
/// </summary>
public sealed class ReminderIssuedConsumer(AppDbContext db, NotificationWriter writer, NotificationFeed feed, TimeProvider clock)
    : IConsumer<ReminderIssued>
{
    private const string Name = nameof(ReminderIssuedConsumer);

    public async Task Consume(ConsumeContext<ReminderIssued> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        if (await db.ConsumedMessages.AnyAsync(m => m.EventId == message.EventId && m.Consumer == Name, ct))
        {
            return;
        }

        var recipients = await RecipientsAsync(message, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await writer.AddAsync(message.EventId, recipients, message.EvaluationId, message.Title, message.Body, now, ct);
        db.ConsumedMessages.Add(new ConsumedMessage(message.EventId, Name, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.ConsumedMessages.AnyAsync(m => m.EventId == message.EventId && m.Consumer == Name, ct))
            {
                return; // a concurrent delivery of the same event won
            }

            throw;
        }

        feed.Raise(recipients);
    }

    private async Task<List<string>> RecipientsAsync(ReminderIssued m, CancellationToken ct)
    {
        if (m.Audience == ReminderAudience.Escalation)
        {
            var heads = await UsersInRoleAsync(Roles.UnitHead, u => u.UnitId == m.UnitId, ct);
            var admins = await UsersInRoleAsync(Roles.FinanceAdmin, u => u.FinanceBureauId == m.FinanceBureauId, ct);
            return [.. heads.Union(admins)];
        }

        if (m.ClaimedById is not null)
        {
            return [m.ClaimedById];
        }

        return m.HolderRole switch
        {
            null => [],
            Roles.Filer or Roles.UnitHead => await UsersInRoleAsync(m.HolderRole, u => u.UnitId == m.UnitId, ct),
            Roles.DepartmentReviewer => await UsersInRoleAsync(m.HolderRole, u => u.UnitId == m.ParentUnitId, ct),
            _ => await UsersInRoleAsync(m.HolderRole, u => u.FinanceBureauId == m.FinanceBureauId, ct),
        };
    }

    private Task<List<string>> UsersInRoleAsync(string role, System.Linq.Expressions.Expression<Func<AppUser, bool>> scope, CancellationToken ct) =>
        db.Users.Where(scope)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
            .Select(u => u.Id)
            .ToListAsync(ct);
}
