using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// Running behind a reverse proxy that ends HTTPS (section <c>Security:ReverseProxy</c>, README "Security"): the client's
/// address (for the audit log and the sign-in limits) and scheme (for secure cookies and HSTS) come from the proxy's
/// X-Forwarded-For and X-Forwarded-Proto, trusted only from the proxies listed. HSTS is sent when <c>Hsts</c> is on.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "Security:ReverseProxy";

    /// <summary>Addresses of the proxies whose forwarded headers are believed; empty means none are read.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Tell browsers to use HTTPS only, for a year (only when the app is reached over HTTPS).</summary>
    public bool Hsts { get; set; }

    public static void AddTo(WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(Section).Get<ReverseProxyOptions>() ?? new();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(address));
            }
        });
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
    }

    public static void Use(WebApplication app)
    {
        var proxy = app.Configuration.GetSection(Section).Get<ReverseProxyOptions>() ?? new();
        if (proxy.KnownProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        if (proxy.Hsts)
        {
            app.UseHsts();
        }
    }
}
