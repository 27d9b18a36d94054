using EvalWorkflow.Workflows.Content;

namespace EvalWorkflow.Web.Components.Content;

/// <summary>The checks' findings by cell, so that each is shown beside the cell it names.</summary>
public sealed class FindingIndex(IEnumerable<Finding> findings)
{
    private readonly ILookup<string, Finding> byCell = findings.ToLookup(f => f.At.Key);

    public static readonly FindingIndex Empty = new([]);

    public IReadOnlyList<Finding> For(string part, string? line, string? column) =>
        byCell[new FindingLocation(part, line, column).Key].ToList();

    public static string CssFor(IReadOnlyList<Finding> findings) =>
        findings.Any(f => f.Severity == FindingSeverity.Error) ? "cell-error"
        : findings.Count > 0 ? "cell-warning"
        : "";
}
