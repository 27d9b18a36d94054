using EvalWorkflow.Workflows.Content;

namespace EvalWorkflow.Web.Components.Content;

/// <summary>
/// The checks' findings by cell, a return's pinned comments by line and the cells changed since the previous submission,
/// so that each is shown where it points.
/// </summary>
public sealed class FindingIndex(IEnumerable<Finding> findings, IEnumerable<ReviewPin>? pins = null, IEnumerable<CellChange>? changes = null)
{
    private readonly HashSet<string> changed = (changes ?? []).Select(c => c.At.Key).ToHashSet();

    private readonly ILookup<string, Finding> byCell = findings.ToLookup(f => f.At.Key);
    private readonly ILookup<string, ReviewPin> pinsByLine = (pins ?? []).ToLookup(p => p.At.Key);

    public static readonly FindingIndex Empty = new([]);

    /// <summary>Whether the cell differs from the previous submission (shown to reviewers cell by cell).</summary>
    public bool IsChanged(string part, string? line, string? column) => changed.Contains(new FindingLocation(part, line, column).Key);

    public IReadOnlyList<ReviewPin> PinsFor(string part, string line) => pinsByLine[new FindingLocation(part, line).Key].ToList();

    public IReadOnlyList<Finding> For(string part, string? line, string? column) =>
        byCell[new FindingLocation(part, line, column).Key].ToList();

    public static string CssFor(IReadOnlyList<Finding> findings) =>
        findings.Any(f => f.Severity == FindingSeverity.Error) ? "cell-error"
        : findings.Count > 0 ? "cell-warning"
        : "";
}
