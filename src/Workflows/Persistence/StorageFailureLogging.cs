using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Workflows.Persistence;

/// <summary>
/// Logs each failed save or command once, at the level its <see cref="StorageFailure"/> calls for: an expected race
/// (a stale version token, a duplicate unique key) at Information in one line without a stack trace; a storage fault or
/// any other failure at Error with the exception. EF Core's own events for the same failures, which log every race as
/// <c>fail:</c> with a stack trace, are turned down to Debug by <see cref="LogStorageFailuresByKind"/>.
/// </summary>
/// <remarks>
/// A failed command inside SaveChanges is logged by the save (one line, not two); a failed query by EF Core's
/// <c>QueryIterationFailed</c>, which stays at Error (queries do not race). What remains are ExecuteUpdate, ExecuteDelete,
/// raw SQL and migrations, logged here.
/// </remarks>
public sealed partial class StorageFailureLogging(ILogger<StorageFailureLogging> logger, StorageHealth health)
    : SaveChangesInterceptor, IDbCommandInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        health.WriteSucceeded();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        health.WriteSucceeded();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Log(eventData.Exception, "SaveChanges");

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Log(eventData.Exception, "SaveChanges");
        return Task.CompletedTask;
    }

    void IDbCommandInterceptor.CommandFailed(DbCommand command, CommandErrorEventData eventData) => LogCommand(eventData);

    Task IDbCommandInterceptor.CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken)
    {
        LogCommand(eventData);
        return Task.CompletedTask;
    }

    private void LogCommand(CommandErrorEventData eventData)
    {
        if (eventData.CommandSource is not (CommandSource.SaveChanges or CommandSource.LinqQuery or CommandSource.FromSqlQuery))
        {
            Log(eventData.Exception, eventData.CommandSource.ToString());
        }
    }

    private void Log(Exception exception, string operation)
    {
        var failure = StorageFailure.Of(exception);
        switch (failure.Kind)
        {
            case StorageFailureKind.StaleVersion:
                LogStaleVersion(operation);
                break;
            case StorageFailureKind.DuplicateKey:
                LogDuplicateKey(operation, failure.Table ?? "?", string.Join(", ", failure.Columns));
                break;
            case StorageFailureKind.StorageFault:
                health.WriteFailed(failure);
                LogStorageFault(exception, operation, failure.Code ?? "?");
                break;
            default:
                LogFailed(exception, operation);
                break;
        }
    }

    /// <summary>Applies the logging to a context's options; <see cref="WorkflowsRegistration.AddWorkflows"/> registers the interceptor.</summary>
    public static void LogStorageFailuresByKind(DbContextOptionsBuilder options, IServiceProvider services) => options
        .ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug)))
        .AddInterceptors(services.GetRequiredService<StorageFailureLogging>());

    [LoggerMessage(Level = LogLevel.Information, Message = "Expected race in {Operation}: a stale version token (another writer changed the row first)")]
    private partial void LogStaleVersion(string operation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Expected race in {Operation}: a duplicate key on {Table} ({Columns})")]
    private partial void LogDuplicateKey(string operation, string table, string columns);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage fault in {Operation}: {Code}")]
    private partial void LogStorageFault(Exception exception, string operation, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Database operation {Operation} failed")]
    private partial void LogFailed(Exception exception, string operation);
}
