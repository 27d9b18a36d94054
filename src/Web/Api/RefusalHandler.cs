using EvalWorkflow.Workflows.Evaluations;
using Microsoft.AspNetCore.Diagnostics;

namespace EvalWorkflow.Web.Api;

/// <summary>Answers every API request a use case refused with an RFC 7807 problem carrying the Chinese reason.</summary>
public sealed class RefusalHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not Refusal refusal)
        {
            return false;
        }

        await Problems.From(refusal).ExecuteAsync(httpContext);
        return true;
    }
}
