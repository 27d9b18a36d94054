using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

/// <summary>
/// The real app as a process of its own (the built EvalWorkflow.Web.dll), on a real port and a real SQLite file, so that a
/// test can kill it with SIGKILL and start it again on the same file.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process wrote to stdout and stderr, for failure messages.</summary>
    public string Output => string.Join('\n', output.TakeLast(200));

    /// <summary>Every line the process wrote so far.</summary>
    public IReadOnlyList<string> Lines => [.. output];

    /// <summary>Starts the app on <paramref name="databasePath"/> with the demo data and waits until <c>/health</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EvalWorkflow.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = $"Data Source={databasePath}",
            ["Demo__Enabled"] = "true",
            ["Outbox__PollInterval"] = "00:00:00.100",
            ["Security__SignIn__PerAddressPerMinute"] = "100000",
            ["Scheduling__RecurringJobs"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var app = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        app.process.OutputDataReceived += (_, e) => app.Collect(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Collect(e.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        await app.WaitHealthyAsync();
        return app;
    }

    /// <summary>A client with its own cookie jar, signed in as <paramref name="userName"/> with the demo password.</summary>
    public async Task<HttpClient> ClientForAsync(string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
        };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Demo#2026" });
        Assert.True(response.IsSuccessStatusCode, $"login {userName}: {(int)response.StatusCode}\n{Output}");
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no hosted service stopping.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>Removes a test's SQLite file with its journal and gate files, once nothing has it open.</summary>
    public static void DeleteDatabase(string databasePath)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".migrating" })
        {
            File.Delete(databasePath + suffix);
        }
    }

    /// <summary>A context on the same file, as a second reader beside the running process.</summary>
    public static AppDbContext Database(string databasePath) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={databasePath}").Options);

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"The app exited with {(process.HasExited ? process.ExitCode : 0)} during start-up:\n{Output}");
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // listening but busy starting
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The app did not become healthy within 90 s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
