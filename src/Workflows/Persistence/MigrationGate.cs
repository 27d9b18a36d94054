using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Workflows.Persistence;

/// <summary>
/// The right to migrate a SQLite database, held by one process at a time: an exclusive OS lock on a file beside the
/// database (.NET takes <c>flock(LOCK_EX)</c> for <see cref="FileShare.None"/> on Unix), which the OS drops when the
/// process dies, however it dies. The holder writes its pid and start time into the file and empties it on release,
/// so a holder that finds the file filled knows that the previous holder died while migrating, and since when.
/// The file is never deleted: a deleted file could be locked twice, once under each name.
/// </summary>
internal sealed partial class MigrationGate : IAsyncDisposable
{
    private readonly FileStream? file;

    private MigrationGate(FileStream? file, DateTimeOffset? previousHolderSince)
    {
        this.file = file;
        PreviousHolderSince = previousHolderSince;
    }

    /// <summary>False when the gate file could not be used (a read-only folder): then no lock row is judged stale.</summary>
    public bool Held => file is not null;

    /// <summary>When the previous holder, which died holding the gate, took it; null when it released it.</summary>
    public DateTimeOffset? PreviousHolderSince { get; }

    public static async Task<MigrationGate> AcquireAsync(string path, ILogger logger, TimeSpan logEvery, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        var nextLog = TimeSpan.Zero;
        while (true)
        {
            try
            {
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                try
                {
                    var previous = await new StreamReader(file, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(ct);
                    file.SetLength(0);
                    await file.WriteAsync(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                        $"pid={Environment.ProcessId} since={DateTimeOffset.UtcNow:O}")), ct);
                    await file.FlushAsync(ct);
                    return new MigrationGate(file, SinceOf(previous));
                }
                catch
                {
                    await file.DisposeAsync();
                    throw;
                }
            }
            catch (UnauthorizedAccessException exception)
            {
                LogGateUnavailable(logger, path, exception.Message);
                return new MigrationGate(null, null);
            }
            catch (IOException exception)
            {
                // Most often another instance holds it while migrating; the message says if it is something else.
                if (waited.Elapsed >= nextLog)
                {
                    LogWaitingForGate(logger, path, (int)waited.Elapsed.TotalSeconds, exception.Message);
                    nextLog += logEvery;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private static DateTimeOffset? SinceOf(string record)
    {
        var since = record.Split(' ').FirstOrDefault(part => part.StartsWith("since=", StringComparison.Ordinal))?["since=".Length..];
        return DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (file is not null)
        {
            file.SetLength(0);
            await file.FlushAsync();
            await file.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Waiting for the migration gate {Gate}: another instance is migrating the database or the file cannot be locked ({Reason}); waited {Waited} s")]
    private static partial void LogWaitingForGate(ILogger logger, string gate, int waited, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Cannot use the migration gate {Gate} ({Reason}); a migration lock left by a stopped instance will not be released")]
    private static partial void LogGateUnavailable(ILogger logger, string gate, string reason);
}
