using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Audit;

/// <param name="SignInLockedUntilUtc">Sign-in refused until then (too many wrong passwords).</param>
/// <param name="SigningPausedUntilUtc">Signing refused until then (too many wrong signing passwords).</param>
public sealed record LockedAccount(string UserName, string DisplayName, DateTime? SignInLockedUntilUtc, DateTime? SigningPausedUntilUtc);

/// <summary>
/// The accounts of the administrator's bureau (its own staff and its units') that are locked out of sign-in or of signing now,
/// and lifting a lock early: an outsider who guessed at a name cannot keep its owner out.
/// </summary>
public sealed class AccountLockouts(AppDbContext db, TimeProvider clock) : IUseCase
{
    /// <remarks>
    /// SQLite cannot compare Identity's <c>DateTimeOffset</c> lockout end in SQL, so the database narrows the list to the
    /// accounts with any lockout end or a signing pause still to come (a successful sign-in clears a past lockout end, see
    /// <c>SignInAttempt</c>, so these are the few recently attacked accounts) and the page is cut from those.
    /// </remarks>
    public async Task<Page<LockedAccount>> ListAsync(Actor actor, PageRequest page, CancellationToken ct = default)
    {
        var bureauId = Administered(actor);
        var now = clock.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        var candidates = await InBureau(bureauId)
            .Where(u => u.LockoutEnd != null || u.SigningPausedUntilUtc > nowUtc)
            .OrderBy(u => u.UserName)
            .Select(u => new { u.UserName, u.DisplayName, u.LockoutEnd, u.SigningPausedUntilUtc })
            .ToListAsync(ct);
        var locked = candidates.Where(u => u.LockoutEnd > now || u.SigningPausedUntilUtc > nowUtc)
            .Select(u => new LockedAccount(u.UserName!, u.DisplayName, u.LockoutEnd > now ? u.LockoutEnd.Value.UtcDateTime : null,
                u.SigningPausedUntilUtc > nowUtc ? u.SigningPausedUntilUtc : null))
            .ToList();
        return new Page<LockedAccount>(locked.Skip(page.Skip).Take(page.PageSize).ToList(), locked.Count, page.Page, page.PageSize);
    }

    /// <summary>Lifts both locks and clears the failure counts, with an audit entry in the same transaction.</summary>
    public async Task UnlockAsync(Actor actor, string userName, CancellationToken ct = default)
    {
        var bureauId = Administered(actor);
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await InBureau(bureauId).SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct) ?? throw Refusal.NotFound("账户");
        var now = clock.GetUtcNow().UtcDateTime;
        var wasLocked = user.LockoutEnd > now ? "登录锁定" : null;
        var wasPaused = user.SigningPausedUntilUtc > now ? "签字暂停" : null;
        (user.LockoutEnd, user.AccessFailedCount, user.SigningPausedUntilUtc, user.SigningFailures) = (null, 0, null, 0);
        db.AuditEntries.Add(AuditEntry.Of(actor, AuditKind.AccountUnlocked, now, user.UserName!,
            string.Join("、", new[] { wasLocked, wasPaused }.OfType<string>()) is { Length: > 0 } what ? $"解除{what}" : "账户未锁定，失败次数清零"));
        await db.SaveChangesAsync(ct);
    }

    private static Guid Administered(Actor actor) => actor.IsInRole(Roles.FinanceAdmin) && actor.FinanceBureauId is Guid bureauId
        ? bureauId
        : throw Refusal.Forbidden("只有财政管理员可以解除账户锁定");

    private IQueryable<AppUser> InBureau(Guid bureauId) => db.Users.Where(u =>
        u.FinanceBureauId == bureauId || db.BudgetUnits.Any(b => b.Id == u.UnitId && b.FinanceBureauId == bureauId));
}
