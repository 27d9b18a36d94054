using EvalWorkflow.Workflows.Evaluations;

namespace EvalWorkflow.Workflows.Persistence;

/// <summary>
/// The database could not take a write — disk full, an I/O error, a read-only file or server — so nothing was saved (the
/// transaction rolled back). Said in Chinese for the user, with the provider's code for the administrator.
/// </summary>
public sealed class StorageUnavailable(StorageFailure failure, Exception inner)
    : Refusal(RefusalKind.Unavailable, MessageFor(failure))
{
    public StorageFailure Failure { get; } = failure;

    public Exception Fault { get; } = inner;

    /// <summary>Throws <see cref="StorageUnavailable"/> when <paramref name="exception"/> is a storage fault; returns otherwise.</summary>
    public static void ThrowIfStorageFault(Exception exception)
    {
        var failure = StorageFailure.Of(exception);
        if (failure.Kind == StorageFailureKind.StorageFault)
        {
            throw new StorageUnavailable(failure, exception);
        }
    }

    public static string MessageFor(StorageFailure failure) => failure.Code switch
    {
        "SQLITE_FULL" or "53100" => "存储空间不足，操作未完成，请联系管理员",
        "SQLITE_READONLY" or "25006" => "数据库当前只读，操作未完成，请联系管理员",
        _ => $"数据库存储故障（{failure.Code}），操作未完成，请联系管理员",
    };
}
