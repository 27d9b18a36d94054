using EvalWorkflow.Web.Hosting;
using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.AspNetCore.Diagnostics;

namespace EvalWorkflow.Web.Api;

/// <summary>
/// Answers every API request a use case refused, or that met a storage fault, with an RFC 7807 problem carrying the Chinese reason.
/// </summary>
public sealed class RefusalHandler(AuditLog audit) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A storage fault below a use case (disk full, I/O error) is answered like a refusal: 503 with the Chinese reason.
        var failure = StorageFailure.Of(exception);
        var refusal = exception as Refusal
            ?? (failure.Kind == StorageFailureKind.StorageFault ? new StorageUnavailable(failure, exception) : null);
        if (refusal is null)
        {
            return false;
        }

        // A signed-in person refused another unit's data or another role's act. An anonymous visitor's 404 on the public
        // portal is not written: it is no one's data, and it would let anyone fill the log.
        if (AuditLog.IsAccessRefusal(refusal) && httpContext.User.Identity?.IsAuthenticated == true)
        {
            await AuditAsync(httpContext, refusal);
        }

        await Problems.From(refusal).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>Another unit's data or a role the person lacks: written to the audit log.</summary>
    private Task AuditAsync(HttpContext context, Refusal refusal)
    {
        var where = $"{context.Request.Method} {context.Request.Path}";
        return context.Items[typeof(CurrentUser)] is CurrentUser user
            ? audit.WriteRefusalAsync(user.Actor.UserName, user.Actor.Address, refusal, where)
            : audit.WriteRefusalAsync(context.User.Identity?.Name ?? "", context.Connection.RemoteIpAddress?.ToString(), refusal, where);
    }
}
