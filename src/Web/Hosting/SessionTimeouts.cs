using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Web.Hosting;

/// <summary>How long a session lives (section <c>Security:Session</c>; GB/T 22239 会话超时, ASVS 7.3).</summary>
public sealed class SessionOptions
{
    public const string Section = "Security:Session";

    /// <summary>Without any request or any input on a page for this long, the session ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>However active, a session ends this long after sign-in.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(10);
}

/// <summary>
/// Idle and absolute session timeouts, for the cookie and for the Blazor circuits it opened.
/// - The cookie expires after <see cref="SessionOptions.IdleTimeout"/> and slides with use. Work inside a circuit makes no
///   request, so <c>js/session.js</c> asks <c>/api/auth/session</c> every few minutes while the person types or clicks.
/// - Sign-in stamps the start into the cookie (<see cref="StartedClaim"/>, kept when the security stamp check renews it);
///   every request past <see cref="SessionOptions.AbsoluteTimeout"/> is signed out.
/// - A circuit counts its own input (<see cref="CircuitActivity"/>); its user is signed out when it has been idle too long
///   or the session is too old (<see cref="RevalidatingIdentityAuthenticationStateProvider"/>).
/// </summary>
public static class SessionTimeouts
{
    public const string StartedClaim = "session_started";

    public static IServiceCollection AddSessionTimeouts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SessionOptions>(configuration.GetSection(SessionOptions.Section));
        services.AddScoped<CircuitActivity>();
        services.AddScoped<CircuitHandler, CircuitActivity.Tracker>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionOptions>, TimeProvider>((cookie, session, clock) =>
            {
                cookie.ExpireTimeSpan = session.Value.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.Events.OnSigningIn = context =>
                {
                    var started = clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
                    (context.Principal?.Identity as ClaimsIdentity)?.AddClaim(new Claim(StartedClaim, started));
                    return Task.CompletedTask;
                };
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    if (IsTooOld(context.Principal, session.Value, clock))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        return;
                    }

                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                };
            });
        // The security stamp check builds a fresh principal; the session keeps its start.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(StartedClaim) is { } started && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            {
                identity.AddClaim(new Claim(StartedClaim, started.Value));
            }

            return Task.CompletedTask;
        });
        return services;
    }

    /// <summary>A principal without a start (signed in before this existed) is treated as started now by nobody: it is too old.</summary>
    public static bool IsTooOld(ClaimsPrincipal? principal, SessionOptions session, TimeProvider clock) =>
        principal?.FindFirst(StartedClaim)?.Value is not { } text
        || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var started)
        || clock.GetUtcNow().UtcDateTime - started > session.AbsoluteTimeout;
}

/// <summary>When the circuit's person last typed or clicked (any call from the browser into the circuit).</summary>
public sealed class CircuitActivity(TimeProvider clock)
{
    public DateTime LastUtc { get; private set; } = clock.GetUtcNow().UtcDateTime;

    public bool IsIdle(TimeSpan timeout) => clock.GetUtcNow().UtcDateTime - LastUtc > timeout;

    internal sealed class Tracker(CircuitActivity activity, TimeProvider clock) : CircuitHandler
    {
        public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
            context =>
            {
                activity.LastUtc = clock.GetUtcNow().UtcDateTime;
                return next(context);
            };
    }
}
