using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EvalWorkflow.Web.Api;

public sealed record LoginRequest(string UserName, string Password);

public sealed record LoginResponse(string UserName, string DisplayName);

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", LoginAsync).WithTags("Auth").AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy);
        app.MapPost("/api/auth/logout", async (HttpContext context, SignInAttempt attempt) =>
        {
            await attempt.SignOutAsync(context.User, context.Connection.RemoteIpAddress?.ToString());
            return TypedResults.NoContent();
        }).WithTags("Auth").RequireAuthorization();

        // Asked by js/session.js while someone works in a page: the cookie slides (idle timeout), nothing else happens.
        app.MapGet("/api/auth/session", () => TypedResults.NoContent()).WithTags("Auth").RequireAuthorization();

        // The form the app bar posts; antiforgery is validated because it binds form data.
        app.MapPost("/account/logout", async (HttpContext context, SignInAttempt attempt, [FromForm] string? returnUrl) =>
        {
            await attempt.SignOutAsync(context.User, context.Connection.RemoteIpAddress?.ToString());
            return TypedResults.LocalRedirect("~/login");
        }).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext context, SignInAttempt attempt, SignInManager<AppUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password) || request.UserName.Length > 64)
        {
            return TypedResults.Problem("请输入用户名和密码", statusCode: StatusCodes.Status400BadRequest, title: "输入有误");
        }

        var outcome = await attempt.SignInAsync(request.UserName, request.Password, context.Connection.RemoteIpAddress?.ToString());
        if (outcome.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = SignInAttempt.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(LoginMessages.Throttled(wait), statusCode: StatusCodes.Status429TooManyRequests, title: "请稍后再试");
        }

        var result = outcome.Result;
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(LoginMessages.LockedOut, statusCode: StatusCodes.Status423Locked, title: "账户已锁定");
        }

        if (!result.Succeeded)
        {
            return TypedResults.Problem(LoginMessages.WrongCredentials, statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");
        }

        var user = await signIn.UserManager.FindByNameAsync(request.UserName.Trim());
        return TypedResults.Ok(new LoginResponse(user!.UserName!, user.DisplayName));
    }
}

public static class LoginMessages
{
    public const string WrongCredentials = "用户名或密码错误";
    public const string LockedOut = "密码错误次数过多，账户已暂时锁定，请 15 分钟后再试，或请财政管理员解除锁定";

    public static string Throttled(TimeSpan wait) => $"登录失败次数过多，请 {SignInAttempt.Seconds(wait)} 秒后再试";

    public const string TooManyRequests = "登录请求过于频繁，请一分钟后再试";
}
