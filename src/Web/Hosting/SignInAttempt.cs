using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Web.Hosting;

/// <summary>How sign-in defends itself (section <c>Security:SignIn</c>).</summary>
public sealed class SignInDefenceOptions
{
    public const string Section = "Security:SignIn";

    /// <summary>Failures of one name from one address before each further try from there waits (1 s, 2 s, 4 s … up to <see cref="MaxDelay"/>).</summary>
    public int FreeTries { get; set; } = 3;

    /// <summary>The first wait, doubled with each further failure.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in requests one address may make per minute, whatever the names (ASP.NET Core's rate limiter; then 429).</summary>
    public int PerAddressPerMinute { get; set; } = 30;
}

/// <summary>The outcome of one sign-in; <see cref="RetryAfter"/> is set when the try was not even checked because it came too soon.</summary>
public sealed record SignInOutcome(SignInResult Result, TimeSpan? RetryAfter = null)
{
    public bool IsThrottled => RetryAfter is not null;
}

/// <summary>
/// One sign-in and one sign-out, for the login page and the API alike (GB/T 22239 登录失败处理, ASVS 6.3).
/// - An unknown name costs a password hash check like a wrong password does, so the answer's time does not tell which names exist.
/// - A name that failed from an address waits before its next try from there, doubling per failure: a guesser from one place is
///   slowed to a crawl, while the person at their own desk is not slowed by it. The failures are read from the audit log, so the
///   delay holds across restarts and nodes.
/// - Ten failures in a row lock the account for 15 minutes (Identity's lockout); the finance administrator can lift it at once.
/// - Every outcome goes to the audit log and every failure to the log, with the name and the address.
/// Signing out changes the security stamp, so a cookie copied before it no longer works.
/// </summary>
public sealed partial class SignInAttempt(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, AppDbContext db, AuditLog audit,
    IOptions<SignInDefenceOptions> options, TimeProvider clock, ILogger<SignInAttempt> logger)
{
    private static readonly AppUser Nobody = new();
    private static string? nobodysHash;

    public async Task<SignInOutcome> SignInAsync(string userName, string password, string? address)
    {
        var name = userName.Trim();
        var user = await signIn.UserManager.FindByNameAsync(name);
        var accountName = user?.UserName ?? name;
        if (await RetryAfterAsync(accountName, address) is { } wait)
        {
            LogThrottled(logger, accountName, address, wait.TotalSeconds);
            await audit.WriteAsync(AuditKind.SignInThrottled, AuditOutcome.Refused, accountName, address, detail: $"失败次数过多，{Seconds(wait)} 秒后方可再试");
            return new SignInOutcome(SignInResult.Failed, wait);
        }

        if (user is null)
        {
            nobodysHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Nobody, nobodysHash, password);
            LogFailed(logger, name, address, "unknown user name");
            await audit.WriteAsync(AuditKind.SignInFailed, AuditOutcome.Failed, name, address, detail: "用户名或密码错误");
            return new SignInOutcome(SignInResult.Failed);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            LogLockedOut(logger, accountName, address);
            await audit.WriteAsync(AuditKind.LockedOut, AuditOutcome.Refused, accountName, address,
                detail: $"账户已锁定（连续 {signIn.Options.Lockout.MaxFailedAccessAttempts} 次密码错误）");
        }
        else if (!result.Succeeded)
        {
            LogFailed(logger, accountName, address, "wrong password");
            await audit.WriteAsync(AuditKind.SignInFailed, AuditOutcome.Failed, accountName, address, detail: "用户名或密码错误");
        }
        else
        {
            if (user.LockoutEnd is not null)
            {
                // Past (or it would not have succeeded): cleared, so the administrator's list of locked accounts stays short.
                await signIn.UserManager.SetLockoutEndDateAsync(user, null);
            }

            await audit.WriteAsync(AuditKind.SignedIn, AuditOutcome.Succeeded, accountName, address);
        }

        return new SignInOutcome(result);
    }

    public async Task SignOutAsync(System.Security.Claims.ClaimsPrincipal principal, string? address)
    {
        if (await signIn.UserManager.GetUserAsync(principal) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            await audit.WriteAsync(AuditKind.SignedOut, AuditOutcome.Succeeded, user.UserName!, address);
        }

        await signIn.SignOutAsync();
    }

    /// <summary>
    /// How long this name must still wait before trying again from this address: its failures from there since its last
    /// success (or an administrator's unlock), within the longest delay, past the free tries, double the wait each.
    /// </summary>
    private async Task<TimeSpan?> RetryAfterAsync(string accountName, string? address)
    {
        var defence = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - defence.MaxDelay - defence.MaxDelay;
        var recent = await db.AuditEntries.AsNoTracking()
            .Where(a => a.UserName == accountName && a.Address == address && a.OccurredAtUtc >= since
                && (a.Kind == AuditKind.SignInFailed || a.Kind == AuditKind.LockedOut || a.Kind == AuditKind.SignedIn))
            .OrderByDescending(a => a.OccurredAtUtc).ThenByDescending(a => a.Id)
            .Take(defence.FreeTries + 32).Select(a => new { a.Kind, a.OccurredAtUtc }).ToListAsync();
        var unlockedAt = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Kind == AuditKind.AccountUnlocked && a.Subject == accountName && a.OccurredAtUtc >= since)
            .MaxAsync(a => (DateTime?)a.OccurredAtUtc);
        var failures = recent.TakeWhile(a => a.Kind != AuditKind.SignedIn && (unlockedAt is null || a.OccurredAtUtc > unlockedAt)).ToList();
        if (failures.Count < defence.FreeTries)
        {
            return null;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(defence.FirstDelay.TotalSeconds * Math.Pow(2, failures.Count - defence.FreeTries),
            defence.MaxDelay.TotalSeconds));
        var wait = failures[0].OccurredAtUtc + delay - now;
        return wait > TimeSpan.Zero ? wait : null;
    }

    public static int Seconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in failed for '{UserName}' from {RemoteIp}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string userName, string? remoteIp, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for '{UserName}' from {RemoteIp}: the account is locked out")]
    private static partial void LogLockedOut(ILogger logger, string userName, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for '{UserName}' from {RemoteIp}: too many failures, retry in {Seconds:0} s")]
    private static partial void LogThrottled(ILogger logger, string userName, string? remoteIp, double seconds);
}
