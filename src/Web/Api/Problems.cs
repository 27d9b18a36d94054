using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Evaluations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EvalWorkflow.Web.Api;

/// <summary>Turns a use case's <see cref="Refusal"/> into an RFC 7807 problem with the Chinese reason.</summary>
public static class Problems
{
    public static ProblemHttpResult From(Refusal refusal) => refusal switch
    {
        StaleSection stale => TypedResults.Problem(refusal.Message, statusCode: StatusCodes.Status409Conflict, title: "内容已更新",
            extensions: new Dictionary<string, object?> { ["current"] = stale.Current }),
        UploadRejected rejected => TypedResults.Problem(refusal.Message, statusCode: StatusCodes.Status400BadRequest, title: "上传的表格有误",
            extensions: new Dictionary<string, object?> { ["problems"] = rejected.Problems }),
        _ => TypedResults.Problem(refusal.Message, statusCode: StatusOf(refusal.Kind), title: TitleOf(refusal.Kind)),
    };

    private static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status409Conflict,
    };

    private static string TitleOf(RefusalKind kind) => kind switch
    {
        RefusalKind.NotFound => "未找到",
        RefusalKind.Invalid => "输入有误",
        RefusalKind.Unavailable => "暂时无法保存",
        _ => "操作被拒绝",
    };
}
