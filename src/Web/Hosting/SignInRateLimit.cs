using System.Threading.RateLimiting;
using EvalWorkflow.Web.Api;
using Microsoft.Extensions.Options;

namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// At most <see cref="SignInDefenceOptions.PerAddressPerMinute"/> sign-in posts per address and minute, whatever the names
/// (the API and the login form); more are answered 429 in Chinese before any password is checked. Behind a reverse proxy the
/// address is the client's only with forwarded headers configured (README, "Security").
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.AddPolicy(Policy, context =>
        {
            // A partition's limiter is made once per key, so the keys of the two kinds must never meet.
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("page");
            }

            var perMinute = context.RequestServices.GetRequiredService<IOptions<SignInDefenceOptions>>().Value.PerAddressPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter($"post {context.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });
        limiter.OnRejected = async (rejected, ct) =>
        {
            var context = rejected.HttpContext;
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimit))
                .LogWarning("Sign-in requests from {RemoteIp} over the limit: answered 429", context.Connection.RemoteIpAddress);
            context.Response.Headers.RetryAfter = "60";
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await TypedResults.Problem(LoginMessages.TooManyRequests, statusCode: StatusCodes.Status429TooManyRequests, title: "请稍后再试")
                    .ExecuteAsync(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                $"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>请稍后再试</title><p>{LoginMessages.TooManyRequests}。<a href=\"/login\">返回登录</a></p></html>", ct);
        };
    });
}
