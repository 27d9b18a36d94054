using System.Net.Mail;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Notifications;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Identity;

/// <summary>Where and how a person wants e-mail: no address means no e-mail, whatever the mode.</summary>
public sealed record EmailPreferences(string? Email, EmailMode Mode);

/// <summary>The actor's own e-mail address and mode.</summary>
public sealed class GetEmailPreferences(AppDbContext db) : IUseCase
{
    public async Task<EmailPreferences> HandleAsync(Actor actor, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId)
            .Select(u => new EmailPreferences(u.Email, u.EmailMode))
            .SingleOrDefaultAsync(ct)
        ?? throw Refusal.NotFound("用户");
}

/// <summary>
/// The actor sets their own e-mail address and mode. Turning e-mail off also drops what was still waiting to be sent
/// to them (a mail that has given up stays, for the administrator).
/// </summary>
public sealed class UpdateEmailPreferences(AppDbContext db) : IUseCase
{
    public const int MaxEmailLength = 256;

    public async Task<EmailPreferences> HandleAsync(Actor actor, EmailPreferences request, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(request.Mode))
        {
            throw new Refusal(RefusalKind.Invalid, "请选择邮件提醒方式");
        }

        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && !IsValidAddress(email))
        {
            throw new Refusal(RefusalKind.Invalid, "邮箱地址格式不正确");
        }

        if (email is null && request.Mode != EmailMode.Off)
        {
            throw new Refusal(RefusalKind.Invalid, "请填写邮箱地址，或选择不发邮件");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == actor.UserId, ct) ?? throw Refusal.NotFound("用户");
        user.Email = email;
        user.NormalizedEmail = email?.ToUpperInvariant();
        user.EmailMode = request.Mode;
        await db.SaveChangesAsync(ct);

        if (request.Mode == EmailMode.Off)
        {
            await db.EmailMessages
                .Where(m => m.UserId == user.Id && m.SentAtUtc == null && m.Attempts < EmailMessage.MaxAttempts)
                .ExecuteDeleteAsync(ct);
        }

        return new EmailPreferences(email, request.Mode);
    }

    /// <summary>One plain address (no display name), with a dot in its domain.</summary>
    public static bool IsValidAddress(string email) =>
        email.Length <= MaxEmailLength
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.DisplayName.Length == 0
        && parsed.Host.Contains('.', StringComparison.Ordinal)
        && !parsed.Host.StartsWith('.')
        && !parsed.Host.EndsWith('.');
}
