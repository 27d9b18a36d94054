using System.Net;
using System.Net.Http.Json;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Persistence.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EvalWorkflow.Web.Tests;

/// <summary>
/// Two app nodes as real processes on one PostgreSQL database (issue 12). <c>./test.sh</c> starts PostgreSQL 15 and names
/// it in <c>EVALWORKFLOW_TEST_POSTGRES</c>; each test makes a throw-away database and drops it.
/// </summary>
[Trait("Category", "SeveralMachines")]
public sealed class SeveralMachinesTests : IAsyncLifetime
{
    private readonly string database = $"evalworkflow_test_{Guid.NewGuid():N}";
    private readonly List<AppProcess> nodes = [];
    private readonly List<string> homes = [];

    private static string Server => Environment.GetEnvironmentVariable("EVALWORKFLOW_TEST_POSTGRES")
        ?? throw new InvalidOperationException("EVALWORKFLOW_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL 15 for these tests.");

    private string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = database, Pooling = false }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {database}", connection).ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        foreach (var home in homes)
        {
            Directory.Delete(home, recursive: true);
        }

        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
    }

    /// <summary>Starts nodes at the same moment, each with a home folder of its own (as on separate machines).</summary>
    private async Task<AppProcess[]> StartNodesAsync(int count)
    {
        var starting = Enumerable.Range(0, count).Select(_ =>
        {
            var home = Directory.CreateTempSubdirectory("evalworkflow-node-").FullName;
            homes.Add(home);
            return AppProcess.StartAsync("", new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Default"] = ConnectionString,
                ["HOME"] = home,
            });
        }).ToList();
        var started = await Task.WhenAll(starting);
        nodes.AddRange(started);
        return started;
    }

    private PostgresAppDbContext Database() => new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString).Options);

    [Fact]
    public async Task Two_nodes_started_together_on_an_empty_database_both_come_up_once_seeded_and_each_reads_the_others_cookie()
    {
        var (a, b) = await StartNodesAsync(2) switch { var n => (n[0], n[1]) };

        foreach (var node in new[] { a, b })
        {
            using var probe = new HttpClient { BaseAddress = node.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health")).StatusCode);
        }

        await using (var db = Database())
        {
            Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == "filer1")); // seeded once, not twice
            Assert.Equal(await db.WorkflowDefinitions.Select(d => new { d.Key, d.Version }).Distinct().CountAsync(), await db.WorkflowDefinitions.CountAsync());
        }

        // Signed in on A; the same cookie, sent to B, is B's cookie too (the key ring is in the database).
        var cookies = new CookieContainer();
        using var onA = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = a.BaseAddress };
        var login = await onA.PostAsJsonAsync("/api/auth/login", new { userName = "filer1", password = "Demo#2026" });
        Assert.True(login.IsSuccessStatusCode, $"{(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}\n{a.Output}");
        var cookie = cookies.GetCookieHeader(a.BaseAddress);
        using var onB = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = b.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/inbox") { Headers = { { "Cookie", cookie } } };
        var inbox = await onB.SendAsync(request);
        Assert.True(inbox.StatusCode == HttpStatusCode.OK, $"{(int)inbox.StatusCode}\nA:\n{a.Output}\nB:\n{b.Output}");
        Assert.Empty(homes.SelectMany(home => Directory.EnumerateFiles(home, "*.xml", SearchOption.AllDirectories))); // no key in a home folder
    }
}
