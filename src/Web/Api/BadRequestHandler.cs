using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace EvalWorkflow.Web.Api;

/// <summary>
/// Answers a request whose body does not bind — not JSON, a required field missing or null, a value of the wrong type —
/// with a 400 problem in Chinese that names the field. The endpoint never ran, so nothing was changed.
/// </summary>
public sealed partial class BadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var detail = bad.InnerException is JsonException json ? Describe(json) : "请求格式有误，未做任何更改";
        await TypedResults.Problem(detail, statusCode: bad.StatusCode, title: "输入有误").ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>What is wrong with the body, in Chinese, with the field's JSON path.</summary>
    public static string Describe(JsonException exception)
    {
        var at = exception.Path is null or "$" ? "" : exception.Path.StartsWith("$.", StringComparison.Ordinal) ? exception.Path[2..] : exception.Path;
        var missing = MissingProperties().Match(exception.Message);
        if (missing.Success)
        {
            var names = string.Join("、", QuotedName().Matches(missing.Groups[1].Value).Select(m => m.Groups[1].Value));
            return $"缺少必填字段：{(at.Length == 0 ? names : $"{at} 的 {names}")}，未做任何更改";
        }

        if (exception.Message.Contains("doesn't allow null", StringComparison.Ordinal)
            || exception.Message.Contains("does not allow null", StringComparison.Ordinal))
        {
            return $"字段「{at}」不能为 null，未做任何更改";
        }

        return at.Length == 0 ? "请求内容不是有效的 JSON，未做任何更改" : $"字段「{at}」的值格式不对，未做任何更改";
    }

    [GeneratedRegex("missing required properties including: (.*)", RegexOptions.CultureInvariant)]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();
}
