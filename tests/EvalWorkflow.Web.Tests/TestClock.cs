using System.Diagnostics;

namespace EvalWorkflow.Web.Tests;

/// <summary>
/// A clock the test can move while it keeps running: timers and delays stay real (the app's polling loops go on),
/// only "now" is shifted. A <c>FakeTimeProvider</c> would stop those loops until advanced by hand.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset anchor = System.GetUtcNow();
    private long anchorTimestamp = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return anchor + Stopwatch.GetElapsedTime(anchorTimestamp);
        }
    }

    /// <summary>Jumps to <paramref name="now"/>; time runs on from there.</summary>
    public void Set(DateTimeOffset now)
    {
        lock (gate)
        {
            (anchor, anchorTimestamp) = (now, Stopwatch.GetTimestamp());
        }
    }

    public void Advance(TimeSpan by) => Set(GetUtcNow() + by);
}
