using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EvalWorkflow.Web.Hosting;

/// <summary>The scheduler is healthy while a Hangfire server of this job storage has sent a heartbeat in the last minute.</summary>
public sealed class SchedulerHealthCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        var servers = storage.GetMonitoringApi().Servers();
        var alive = servers.Count(s => s.Heartbeat is { } beat && beat >= since);
        return Task.FromResult(alive > 0
            ? HealthCheckResult.Healthy($"{alive} 个后台任务服务在运行")
            : HealthCheckResult.Unhealthy(servers.Count == 0 ? "没有后台任务服务在运行" : "后台任务服务一分钟内没有心跳"));
    }
}
