using System.Net.Http.Json;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Setup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EvalWorkflow.Benchmarks.Scale;

/// <summary>
/// The real app in this process (so that a request's allocations can be counted) on the scale database, in Production
/// mode, with recurring jobs off; requests go through the test server rather than a socket.
/// </summary>
internal sealed class ScaleApp : WebApplicationFactory<global::Program>
{
    private readonly string databasePath;

    public ScaleApp(string databasePath)
    {
        this.databasePath = databasePath;
        // Run from its build folder the factory does not find src/Web by itself; this is its documented override.
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "EvalWorkflow.sln")))
        {
            folder = folder.Parent;
        }

        if (folder is not null)
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_EVALWORKFLOW_WEB", Path.Combine(folder.FullName, "src", "Web"));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={databasePath}");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Scheduling:RecurringJobs", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Error");
        builder.UseSetting("Security:SignIn:PerAddressPerMinute", "100000"); // every request comes from one address here
    }

    /// <summary>A client with its own cookie jar, signed in through <c>POST /api/auth/login</c> (anonymous when null).</summary>
    public async Task<HttpClient> ClientForAsync(string? userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        if (userName is not null)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = DemoData.Password });
            response.EnsureSuccessStatusCode();
        }

        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
