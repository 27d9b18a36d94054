using Microsoft.Extensions.Options;

namespace EvalWorkflow.Web.Hosting;

/// <summary>Origins besides the app's own that may send it changes, e.g. the public address behind a reverse proxy.</summary>
public sealed class SameOriginOptions
{
    public const string Section = "Security";

    /// <summary><c>scheme://host[:port]</c> as a browser writes it in <c>Origin</c>.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>
/// Every request that can change something — any method but GET, HEAD, OPTIONS — and every request to the Blazor circuit
/// (<c>/_blazor</c>: negotiation, the WebSocket, long polling) must come from the app's own origin. A browser names the
/// page that sent a request in <c>Origin</c> (and <c>Sec-Fetch-Site</c>); a page on another port or a sibling subdomain
/// counts as the same site for cookies but not as the same origin, so it is refused here before it reaches a cookie.
/// A request with neither header is not from a browser page (curl, a script), which cannot ride a user's cookie.
/// </summary>
public sealed partial class SameOriginOnly(RequestDelegate next, IOptions<SameOriginOptions> options, ILogger<SameOriginOnly> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var guarded = request.Path.StartsWithSegments("/_blazor")
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (!guarded || IsSameOrigin(request))
        {
            return next(context);
        }

        var origin = request.Headers.Origin.ToString();
        LogRefused(logger, request.Method, request.Path, origin, request.Headers["Sec-Fetch-Site"].ToString(), context.Connection.RemoteIpAddress?.ToString());
        return TypedResults.Problem($"请求来自本系统以外的页面（{(origin.Length > 0 ? origin : "未知来源")}），已拒绝",
            statusCode: StatusCodes.Status403Forbidden, title: "请求来源不被接受").ExecuteAsync(context);
    }

    private bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
                || options.Value.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 || site is "same-origin" or "none";
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused a cross-origin {Method} {Path}: Origin '{Origin}', Sec-Fetch-Site '{Site}', from {RemoteIp}")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, string origin, string site, string? remoteIp);
}
