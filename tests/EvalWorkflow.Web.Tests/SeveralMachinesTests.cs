using System.Net;
using System.Net.Http.Json;
using EvalWorkflow.Tests;
using EvalWorkflow.Workflows.Persistence.Postgres;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

/// <summary>
/// Two app nodes as real processes on one PostgreSQL database (issue 12), each test on a throw-away database
/// (<see cref="PostgresDatabase"/>).
/// </summary>
[Trait("Category", "SeveralMachines")]
public sealed class SeveralMachinesTests : IAsyncLifetime
{
    private readonly List<AppProcess> nodes = [];
    private readonly List<string> homes = [];
    private PostgresDatabase database = null!;

    private string ConnectionString => database.ConnectionString;

    public async Task InitializeAsync() => database = await PostgresDatabase.CreateAsync();

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

        await database.DisposeAsync();
    }

    /// <summary>Starts nodes at the same moment, each with a home folder of its own (as on separate machines).</summary>
    private async Task<AppProcess[]> StartNodesAsync(int count, IReadOnlyDictionary<string, string>? more = null)
    {
        var starting = Enumerable.Range(0, count).Select(_ =>
        {
            var home = Directory.CreateTempSubdirectory("evalworkflow-node-").FullName;
            homes.Add(home);
            var settings = database.NodeSettings(home);
            settings["Logging:LogLevel:EvalWorkflow.Notifications.Outbox.OutboxDispatcher"] = "Debug"; // one line per publication
            foreach (var (key, value) in more ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }

            return AppProcess.StartAsync("", settings);
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
            // One job storage in the database: each node's scheduler check sees both nodes' Hangfire servers.
            using var probe = new HttpClient { BaseAddress = node.BaseAddress };
            await Api.EventuallyAsync(async () => (await probe.GetStringAsync("/health/ready")).Contains("2 个后台任务服务在运行"),
                "both Hangfire servers in the one storage");
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

    /// <summary>
    /// The RabbitMQ broker <c>./test.sh</c> starts, as <c>host;user;password;vhost</c> in <c>EVALWORKFLOW_TEST_RABBITMQ</c>:
    /// the nodes' settings to use it.
    /// </summary>
    private static Dictionary<string, string> Broker()
    {
        var broker = Environment.GetEnvironmentVariable("EVALWORKFLOW_TEST_RABBITMQ")?.Split(';')
            ?? throw new InvalidOperationException("EVALWORKFLOW_TEST_RABBITMQ is not set: run ./test.sh, which starts RabbitMQ for these tests.");
        return new()
        {
            ["RabbitMq:Host"] = broker[0], ["RabbitMq:Username"] = broker[1], ["RabbitMq:Password"] = broker[2], ["RabbitMq:VirtualHost"] = broker[3],
        };
    }

    [Theory]
    [InlineData(false)] // each node its in-memory bus
    [InlineData(true)] // one RabbitMQ broker, the consumers' queues shared by the nodes
    public async Task One_evaluation_walked_with_every_act_on_the_other_node_publishes_each_outbox_row_once_and_notifies_each_person_once(bool rabbitMq)
    {
        var nodes = await StartNodesAsync(2, rabbitMq ? Broker() : null);
        var clients = new Dictionary<(string, int), HttpClient>();
        async Task<HttpClient> OnAsync(string user, int node) =>
            clients.TryGetValue((user, node), out var known) ? known : clients[(user, node)] = await nodes[node].ClientForAsync(user);

        var id = await Api.OverallEvaluationIdAsync(await OnAsync("filer1", 0));
        await Api.CompleteContentAsync(await OnAsync("filer1", 1), id);
        await Api.ActOkAsync(await OnAsync("filer1", 0), id, "Submit");
        for (var i = 0; i < 8; i++) // many rows while both dispatchers poll, each act on the other node than the last
        {
            await Api.ActOkAsync(await OnAsync("filer1", 1), id, "Withdraw");
            await Api.ActOkAsync(await OnAsync("filer1", 0), id, "Submit");
        }

        await Api.ActOkAsync(await OnAsync("head1", 1), id, "Sign", password: "Demo#2026");
        await Api.ActOkAsync(await OnAsync("reviewer1", 0), id, "Claim");
        await Api.ActOkAsync(await OnAsync("reviewer1", 1), id, "Approve");
        await Api.ActOkAsync(await OnAsync("admin1", 0), id, "Publish");

        await Api.EventuallyAsync(async () =>
        {
            await using var db = Database();
            return await db.OutboxMessages.AllAsync(m => m.DeliveredAtUtc != null);
        }, "every outbox message to be delivered");
        await using var check = Database();
        var rows = await check.OutboxMessages.AsNoTracking().Select(m => m.Id).ToListAsync();
        var published = nodes.SelectMany(n => n.Lines).Select(l => System.Text.RegularExpressions.Regex.Match(l, @"Published outbox message (\d+) "))
            .Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(rows.Order(), published.Order()); // both dispatchers ran; each row went out once, from one of them
        Assert.True(published.Count >= 21, $"{published.Count} publications");

        var events = await check.EvaluationEvents.AsNoTracking().Where(h => h.EvaluationId == id).Select(h => h.Id).ToListAsync();
        var notified = await check.Notifications.AsNoTracking().Where(n => events.Contains(n.EventId)).Select(n => new { n.EventId, n.UserId }).ToListAsync();
        Assert.NotEmpty(notified);
        Assert.Equal(notified.Count, notified.Distinct().Count());
    }

    [Fact]
    public async Task With_both_nodes_sending_e_mail_each_mail_reaches_the_SMTP_server_once()
    {
        await using var smtp = new SmtpListener();
        var nodes = await StartNodesAsync(2, new Dictionary<string, string>
        {
            ["Email:Enabled"] = "true",
            ["Email:SmtpHost"] = "127.0.0.1",
            ["Email:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:PollInterval"] = "00:00:00.100",
        });
        var filers = new[] { await nodes[0].ClientForAsync("filer1"), await nodes[1].ClientForAsync("filer1") };
        var id = await Api.OverallEvaluationIdAsync(filers[0]);
        await Api.CompleteContentAsync(filers[0], id);
        for (var i = 0; i < 6; i++) // each submission mails the unit head
        {
            await Api.ActOkAsync(filers[i % 2], id, "Submit");
            await Api.ActOkAsync(filers[(i + 1) % 2], id, "Withdraw");
        }

        await Api.EventuallyAsync(async () =>
        {
            await using var db = Database();
            return await db.EmailMessages.CountAsync() >= 6 && await db.EmailMessages.AllAsync(m => m.SentAtUtc != null);
        }, "every mail to be sent");
        await using var check = Database();
        Assert.Equal(await check.EmailMessages.CountAsync(), smtp.Received.Count);
    }

    [Fact]
    public async Task One_node_killed_mid_burst_loses_nothing_and_doubles_nothing_while_the_other_goes_on()
    {
        var nodes = await StartNodesAsync(2, new Dictionary<string, string>
        {
            // Short, as in CrashTests: what the killed node had claimed or handed on is taken over within the test.
            ["Outbox:RedeliverAfter"] = "00:00:01",
            ["Outbox:ClaimLease"] = "00:00:02",
        });
        var filers = new[] { await nodes[0].ClientForAsync("filer1"), await nodes[1].ClientForAsync("filer1") };
        var id = await Api.OverallEvaluationIdAsync(filers[0]);
        await Api.CompleteContentAsync(filers[0], id);
        var firstVersion = await Api.VersionAsync(filers[0], id);
        int firstSequence;
        await using (var db = Database())
        {
            firstSequence = await db.EvaluationEvents.Where(h => h.EvaluationId == id).MaxAsync(h => (int?)h.Sequence) ?? 0;
        }

        // Acts alternate between the nodes; node B dies in the middle of the burst.
        var acknowledged = new List<int>();
        using (var stop = new CancellationTokenSource())
        {
            var burst = CrashTests.BurstAsync(filers, id, acknowledged, stop.Token);
            // Two app processes and PostgreSQL on a shared 2-core machine: the bound is generous, the wait ends at the 12th act.
            await Api.EventuallyAsync(() => Task.FromResult(acknowledged.Count >= 12 || burst.IsCompleted), "acts on both nodes", TimeSpan.FromSeconds(90));
            nodes[1].Kill();
            await stop.CancelAsync();
            await burst;
        }

        // Node A goes on alone, and takes over what B had claimed or handed on.
        using (var stop = new CancellationTokenSource())
        {
            var target = acknowledged.Count + 6;
            var alone = CrashTests.BurstAsync([filers[0]], id, acknowledged, stop.Token);
            await Api.EventuallyAsync(() => Task.FromResult(acknowledged.Count >= target), "acts on node A alone", TimeSpan.FromSeconds(90));
            await stop.CancelAsync();
            await alone;
        }

        await Api.EventuallyAsync(async () =>
        {
            await using var db = Database();
            return await db.OutboxMessages.AllAsync(m => m.DeliveredAtUtc != null);
        }, "every outbox message to be delivered by the node left");
        await using var check = Database();
        // Two bursts were cut short (the kill, and the stop of the second): each may have left one committed act unanswered.
        await CrashTests.AssertNothingLostOrDoubledAsync(check, id, firstSequence, firstVersion, acknowledged, kills: 2);
    }
}
