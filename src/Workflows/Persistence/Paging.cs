using EvalWorkflow.Workflows.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Persistence;

/// <summary>Which page of a list to show: numbered from 1, at most <see cref="MaxPageSize"/> rows.</summary>
public sealed record PageRequest(int Page = 1, int PageSize = PageRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>The request from optional query values; bad values are refused in Chinese, nothing is guessed.</summary>
    /// <exception cref="Refusal">When the page is below 1 or the page size outside 1…<see cref="MaxPageSize"/>.</exception>
    public static PageRequest Of(int? page, int? pageSize)
    {
        var request = new PageRequest(page ?? 1, pageSize ?? DefaultPageSize);
        if (request.Page < 1)
        {
            throw new Refusal(RefusalKind.Invalid, "页码应为 1 或更大的整数");
        }

        if (request.PageSize is < 1 or > MaxPageSize)
        {
            throw new Refusal(RefusalKind.Invalid, $"每页条数应在 1 到 {MaxPageSize} 之间");
        }

        return request;
    }
}

/// <summary>One page of a list that is sorted and cut in the database, with the number of rows in the whole list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    public static Page<T> Empty(PageRequest request) => new([], 0, request.Page, request.PageSize);

    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Total, PageNumber, PageSize);
}

public static class PagingExtensions
{
    /// <summary>Counts the filtered rows and reads one page of the ordered query: two queries, neither loads the list.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken ct = default)
    {
        var total = await ordered.CountAsync(ct);
        var items = total <= request.Skip ? [] : await ordered.Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        return new Page<T>(items, total, request.Page, request.PageSize);
    }
}

/// <summary>
/// An id list from a request (units chosen for a round, evaluations chosen for 催报) is asked of the database in chunks:
/// one SQL parameter per id, and SQLite refuses more than 32,766 in one statement.
/// </summary>
public static class IdChunks
{
    public const int Size = 1000;

    public static async Task<List<T>> ToListInChunksAsync<TId, T>(this IReadOnlyCollection<TId> ids,
        Func<TId[], IQueryable<T>> query, CancellationToken ct = default)
    {
        var rows = new List<T>(ids.Count);
        foreach (var chunk in ids.Chunk(Size))
        {
            rows.AddRange(await query(chunk).ToListAsync(ct));
        }

        return rows;
    }
}
