using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Workflows.Audit;

/// <summary>
/// Writes the audit entries that belong to no act of their own: sign-ins, sign-outs, signing failures, refused access.
/// Each is committed at once in a context of its own, so a request's unsaved or failed changes never take it with them.
/// A successful administrative act writes its entry itself, in its own transaction (<see cref="AuditEntry.Of"/>).
/// </summary>
public sealed partial class AuditLog(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditLog> logger)
{
    /// <param name="userName">The account's name, or the name typed at a sign-in (looked up to find the account and its bureau).</param>
    public async Task WriteAsync(AuditKind kind, AuditOutcome outcome, string userName, string? address, string? subject = null,
        string? detail = null, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new { u.Id, u.UserName, u.FinanceBureauId, u.UnitId }).SingleOrDefaultAsync(ct);
        var bureauId = user?.FinanceBureauId ?? (user?.UnitId is Guid unitId
            ? await db.BudgetUnits.Where(b => b.Id == unitId).Select(b => (Guid?)b.FinanceBureauId).SingleOrDefaultAsync(ct)
            : null);
        db.AuditEntries.Add(new AuditEntry(kind, outcome, clock.GetUtcNow().UtcDateTime, user?.Id, user?.UserName ?? userName.Trim(),
            address, bureauId, subject, detail));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Refusals that deny access (another unit's data, a role the person lacks) are audited; the others are ordinary answers.</summary>
    public static bool IsAccessRefusal(Refusal refusal) => refusal.Kind == RefusalKind.NotFound || refusal.DeniesAccess;

    /// <summary>Writes a refused access; a failure to write it is logged and never replaces the refusal's answer.</summary>
    /// <param name="where">The request, or what the page did.</param>
    public async Task WriteRefusalAsync(string userName, string? address, Refusal refusal, string where)
    {
        try
        {
            await WriteAsync(AuditKind.AccessRefused, AuditOutcome.Refused, userName, address, where, refusal.Message);
        }
        catch (Exception exception)
        {
            LogNotWritten(logger, exception, userName, where);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit entry for {UserName}'s refused {Request} could not be written")]
    private static partial void LogNotWritten(ILogger logger, Exception exception, string userName, string request);
}
