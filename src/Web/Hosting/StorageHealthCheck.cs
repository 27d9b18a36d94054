using EvalWorkflow.Workflows.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EvalWorkflow.Web.Hosting;

/// <summary><c>/health</c> is Unhealthy while writes fail with a storage fault (disk full, I/O error, read-only).</summary>
public sealed class StorageHealthCheck(StorageHealth storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(storage.LastFault is { } fault
            ? HealthCheckResult.Unhealthy(
                $"{fault.AtUtc:yyyy-MM-dd HH:mm:ss} UTC 写入失败（{fault.Failure.Code}）：{StorageUnavailable.MessageFor(fault.Failure)}")
            : HealthCheckResult.Healthy());
}
