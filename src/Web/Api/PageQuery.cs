using EvalWorkflow.Workflows.Persistence;

namespace EvalWorkflow.Web.Api;

/// <summary>The <c>page</c> and <c>pageSize</c> of a list's address, refused in Chinese when they are not whole numbers in range.</summary>
public static class PageQuery
{
    // Read as text so that "?page=abc" gets the same Chinese problem as "?page=0", not the framework's English 400.
    public static PageRequest From(string? page, string? pageSize) => PageRequest.Of(Number(page), Number(pageSize));

    private static int? Number(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : int.TryParse(value, out var number) ? number : 0;
}
