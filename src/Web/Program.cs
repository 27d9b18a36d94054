using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using EvalWorkflow.Notifications;
using EvalWorkflow.Web.Api;
using EvalWorkflow.Web.Components;
using EvalWorkflow.Web.Components.Layout;
using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Persistence.Postgres;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MudBlazor;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

// `dotnet run` serves the build output, where MudBlazor's and Blazor's static files are found through the
// static web assets manifest; ASP.NET Core reads it only in Development unless asked. A published app has no manifest.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddSingleton(TimeProvider.System);
// First of the hosted services, which start in order: the database is migrated before any other reads it (the
// data-protection key ring, loaded at start, lives in it).
builder.Services.AddHostedService<DatabaseInitializer>();
// SQLite is the embedded default; PostgreSQL (Database:Provider=Postgres) is the path to several machines.
var connectionString = builder.Configuration.GetConnectionString("Default");
if (DatabaseProvider.IsPostgres(builder.Configuration))
{
    builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>((services, options) =>
        StorageFailureLogging.LogStorageFailuresByKind(options.UseNpgsql(connectionString), services));
}
else
{
    builder.Services.AddDbContext<AppDbContext>((services, options) =>
        StorageFailureLogging.LogStorageFailuresByKind(options.UseSqlite(connectionString), services));
}

// Interceptors registered as services apply to every context too (the tests inject a full disk this way).
builder.Services.ConfigureDbContext<AppDbContext>((services, options) => options.AddInterceptors(services.GetServices<IInterceptor>()));

// The key ring that protects cookies and antiforgery tokens lives in the database, so every node reads every node's cookie.
builder.Services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("EvalWorkflow");
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
builder.Services.AddSessionTimeouts(builder.Configuration); // idle 30 min, absolute 10 h (Security:Session)
builder.Services.AddIdentityCore<AppUser>(options =>
    {
        options.Lockout.MaxFailedAccessAttempts = 10; // after the per-address delay (SignInAttempt) has slowed a guesser down
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Password.RequiredLength = 8;
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<AppDbContext>()
    .AddSignInManager()
    .AddClaimsPrincipalFactory<AppClaimsFactory>();
builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/login";
    options.AccessDeniedPath = "/login";
    options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
    options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
});
builder.Services.AddAuthorization();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();

builder.Services.AddWorkflows(); // every use case of src/Workflows (IUseCase), by convention
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<PreparedDownloads>();
builder.Services.AddScoped<UseCaseRunner>();
builder.Services.AddScoped<SignInAttempt>();
builder.Services.Configure<EvalWorkflow.Workflows.Audit.AuditOptions>(builder.Configuration.GetSection(EvalWorkflow.Workflows.Audit.AuditOptions.Section));
builder.Services.Configure<SignInDefenceOptions>(builder.Configuration.GetSection(SignInDefenceOptions.Section));
builder.Services.AddSignInRateLimit();
builder.Services.AddScoped<CircuitAddress>();
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitAddress.Tracker>();
builder.Services.AddHttpContextAccessor();
// The cookie's security stamp is checked on every request, so a sign-out ends every copy of the cookie at once.
builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
builder.Services.Configure<SameOriginOptions>(builder.Configuration.GetSection(SameOriginOptions.Section));

ReverseProxyOptions.AddTo(builder); // forwarded headers from known proxies, HSTS (Security:ReverseProxy)
builder.Services.AddEvalNotifications(builder.Configuration);

// The default HTML encoder writes every Chinese character as an entity (&#x793A;), tripling a page's text; these ranges go out as UTF-8.
builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(
    UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.GeneralPunctuation, UnicodeRanges.MathematicalOperators,
    UnicodeRanges.CjkSymbolsandPunctuation, UnicodeRanges.CjkUnifiedIdeographsExtensionA, UnicodeRanges.CjkUnifiedIdeographs, UnicodeRanges.HalfwidthandFullwidthForms));
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// Messages at the bottom: at the top right they covered the app bar's name and 退出 for their five seconds.
builder.Services.AddMudServices(options => options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight);
builder.Services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    // Strict input: a required field that is missing or null is refused (BadRequestHandler names it), never stored as blank.
    options.SerializerOptions.RespectNullableAnnotations = true;
    options.SerializerOptions.RespectRequiredConstructorParameters = true;
});
// A body that does not bind throws, in every environment, so that BadRequestHandler answers it in Chinese.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<RefusalHandler>();
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.AddScheduling(builder.Configuration);
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["db"])
    .AddCheck<StorageHealthCheck>("storage", tags: ["db"]) // Unhealthy while writes fail (disk full, I/O error)
    .AddCheck<SchedulerHealthCheck>("scheduler", tags: ["scheduler"]);

var app = builder.Build();

if (args.FirstOrDefault() == CreateAdminCommand.Name)
{
    return await CreateAdminCommand.RunAsync(app.Services, args);
}

if (args.FirstOrDefault() == SeedScaleCommand.Name)
{
    return await SeedScaleCommand.RunAsync(app.Services, args);
}

ReverseProxyOptions.Use(app);
app.UseSecurityHeaders();
// Chinese for every request and so every circuit: month and day names in the date pickers, a week that starts on Monday.
app.UseRequestLocalization(new RequestLocalizationOptions().SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN").AddSupportedUICultures("zh-CN"));
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<SameOriginOnly>(); // no change and no Blazor circuit from another origin
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi();
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains("db") });
// For operators and load balancers: the database, the message bus (MassTransit's own check) and the scheduler, each by name.
app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync });
app.MapAuthEndpoints();
app.MapEvaluationEndpoints();
app.MapInboxEndpoints();
app.MapContentEndpoints();
app.MapRoundEndpoints();
app.MapPublicEndpoints();
app.MapDocumentEndpoints();
app.MapAdminEndpoints();
app.MapPreferencesEndpoints();
// SecurityHeaders sends one policy with frame-ancestors for every response; Blazor would add a second for its pages.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
app.UseScheduling();

await app.RunAsync();
return 0;

static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int apiStatus)
{
    if (context.Request.Path.StartsWithSegments("/api"))
    {
        context.Response.StatusCode = apiStatus;
    }
    else
    {
        context.Response.Redirect(context.RedirectUri);
    }

    return Task.CompletedTask;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
