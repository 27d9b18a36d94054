using System.Diagnostics;
using System.Net;

namespace EvalWorkflow.Web.Tests;

/// <summary>
/// A government intranet system makes no outbound call it was not configured to make (issue 11): every HTTP request any
/// code in the process sends goes through .NET's HTTP diagnostics, which this test watches while the app starts, signs
/// people in, renders its pages and runs its background work. Only loopback (the tests' own clients) may appear.
/// </summary>
public sealed class OutboundCallTests
{
    [Fact]
    public async Task Starting_and_using_the_app_calls_no_host_outside_this_machine()
    {
        var called = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => // the request's tags are complete once it ends
            {
                if (activity.GetTagItem("server.address") is string host && !IsLoopback(host))
                {
                    called.Add($"{activity.GetTagItem("http.request.method")} {activity.GetTagItem("url.full")}");
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        // In this process, so that the listener sees the app's own requests (its start, its hosted services, its bus).
        await using (var app = new AppFactory())
        {
            foreach (var user in new[] { "filer1", "head1", "reviewer1", "admin1" })
            {
                var client = await app.ClientForAsync(user);
                foreach (var path in new[] { "/", "/api/inbox", "/rounds", "/public", "/admin/audit" })
                {
                    await client.GetAsync(path);
                }
            }
        }

        Assert.Empty(called);

        // The probe sees this process's requests: one to a host outside proves it would catch the app's.
        using var outside = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromMilliseconds(200) });
        await Assert.ThrowsAnyAsync<Exception>(() => outside.GetAsync("http://192.0.2.1/"));
        Assert.Contains(called, call => call.Contains("192.0.2.1"));
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
