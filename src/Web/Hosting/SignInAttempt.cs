using EvalWorkflow.Workflows.Identity;
using Microsoft.AspNetCore.Identity;

namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// One sign-in and one sign-out, for the login page and the API alike. An unknown name costs a password hash check like a
/// wrong password does, so the answer's time does not tell which names exist. Every failure and every lockout is logged
/// with the name and the address (GB/T 22239 登录失败处理). Signing out changes the user's security stamp, so a cookie
/// copied before it no longer works.
/// </summary>
public sealed partial class SignInAttempt(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, ILogger<SignInAttempt> logger)
{
    private static readonly AppUser Nobody = new();
    private static string? nobodysHash;

    public async Task<SignInResult> SignInAsync(string userName, string password, string? remoteIp)
    {
        var name = userName.Trim();
        var user = await signIn.UserManager.FindByNameAsync(name);
        if (user is null)
        {
            nobodysHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Nobody, nobodysHash, password);
            LogFailed(logger, name, remoteIp, "unknown user name");
            return SignInResult.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            LogLockedOut(logger, name, remoteIp);
        }
        else if (!result.Succeeded)
        {
            LogFailed(logger, name, remoteIp, "wrong password");
        }

        return result;
    }

    public async Task SignOutAsync(System.Security.Claims.ClaimsPrincipal principal)
    {
        if (await signIn.UserManager.GetUserAsync(principal) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in failed for '{UserName}' from {RemoteIp}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string userName, string? remoteIp, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for '{UserName}' from {RemoteIp}: the account is locked out")]
    private static partial void LogLockedOut(ILogger logger, string userName, string? remoteIp);
}
