namespace EvalWorkflow.Workflows.Persistence;

/// <summary>
/// Whether the database takes writes, as the last write found: after a storage fault it is faulted until a write succeeds
/// again. A read-only probe cannot tell (reads keep working on a full disk), so the writes themselves report.
/// </summary>
public sealed class StorageHealth(TimeProvider clock)
{
    private volatile Fault? lastFault;

    /// <summary>The last write's storage fault, or null when the last write succeeded.</summary>
    public Fault? LastFault => lastFault;

    public void WriteFailed(StorageFailure failure) => lastFault = new Fault(failure, clock.GetUtcNow().UtcDateTime);

    public void WriteSucceeded() => lastFault = null;

    public sealed record Fault(StorageFailure Failure, DateTime AtUtc);
}
