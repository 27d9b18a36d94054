namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// Headers on every response that keep the browser from reading a download as a page, from telling other sites which
/// page a user came from, and from showing the app inside another site's frame (a click-jacking page on a sibling port).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// No plugins, no foreign base URL, forms only to the app, frames only by the app (the modern form of
    /// X-Frame-Options, which ASP.NET Core's antiforgery adds to pages with forms itself). A script-src policy is not set yet:
    /// Blazor's inline import map would need its hash (see the note).
    /// </summary>
    public const string ContentSecurityPolicy = "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        await next();
    });
}
