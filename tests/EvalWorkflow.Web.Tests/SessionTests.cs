using System.Net;

namespace EvalWorkflow.Web.Tests;

/// <summary>Idle and absolute session timeouts (issue 11, GB/T 22239 会话超时), on a clock the test moves.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task A_session_ends_after_30_idle_minutes_and_slides_while_it_is_used()
    {
        var clock = new TestClock();
        await using var app = new AppFactory(clock: clock);
        var idle = await app.ClientForAsync("filer1");
        var busy = await app.ClientForAsync("filer2");

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.NoContent, (await busy.GetAsync("/api/auth/session")).StatusCode); // what js/session.js asks while someone types
        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(HttpStatusCode.Unauthorized, (await idle.GetAsync("/api/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/inbox")).StatusCode);
    }

    [Fact]
    public async Task However_busy_a_session_ends_at_the_absolute_timeout()
    {
        var clock = new TestClock();
        await using var app = new AppFactory(clock: clock, settings: new Dictionary<string, string> { ["Security:Session:AbsoluteTimeout"] = "01:00:00" });
        var client = await app.ClientForAsync("filer1");

        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/inbox")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/inbox")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(25));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("filer1")).GetAsync("/api/inbox")).StatusCode); // signing in again works
    }
}
