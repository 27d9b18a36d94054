namespace EvalWorkflow.Workflows.Content;

/// <summary>One cell whose value differs between two versions; an empty side means the line was not there.</summary>
public sealed record CellChange(FindingLocation At, string Label, string Before, string After);

public enum LineChangeKind
{
    Same,
    Removed,
    Added,
}

public sealed record LineChange(LineChangeKind Kind, string Text);

/// <summary>A report section whose text changed, line by line.</summary>
public sealed record SectionChange(string Code, string Title, IReadOnlyList<LineChange> Lines);

/// <summary>What changed between two versions of the content: cell by cell in the tables, line by line in the text.</summary>
/// <param name="SinceUtc">When the earlier version was submitted.</param>
public sealed record ContentChanges(DateTime SinceUtc, IReadOnlyList<CellChange> Cells, IReadOnlyList<SectionChange> Sections)
{
    public bool IsEmpty => Cells.Count == 0 && Sections.Count == 0;

    public static ContentChanges Between(DateTime sinceUtc, EvaluationContent before, EvaluationContent after)
    {
        var old = ContentCells.Of(before).GroupBy(c => c.At.Key).ToDictionary(g => g.Key, g => g.First());
        var cells = new List<CellChange>();
        foreach (var cell in ContentCells.Of(after))
        {
            var previous = old.GetValueOrDefault(cell.At.Key);
            old.Remove(cell.At.Key);
            if ((previous?.Value ?? "") != cell.Value)
            {
                cells.Add(new CellChange(cell.At, cell.Label, previous?.Value ?? "", cell.Value));
            }
        }

        cells.AddRange(old.Values.Where(c => c.Value.Length > 0).Select(c => new CellChange(c.At, c.Label, c.Value, "")));

        var sections = after.Sections
            .Select(s => (s, before: before.Sections.FirstOrDefault(b => b.Code == s.Code)?.Markdown ?? ""))
            .Where(x => x.before != x.s.Markdown)
            .Select(x => new SectionChange(x.s.Code, x.s.Title, Lines(x.before, x.s.Markdown)))
            .ToList();
        return new ContentChanges(sinceUtc, cells, sections);
    }

    /// <summary>A line diff by longest common subsequence; texts are at most a few hundred lines.</summary>
    public static IReadOnlyList<LineChange> Lines(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<LineChange>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add(new(LineChangeKind.Same, a[x++]));
                y++;
            }
            else if (y < b.Length && (x == a.Length || common[x, y + 1] >= common[x + 1, y]))
            {
                lines.Add(new(LineChangeKind.Added, b[y++]));
            }
            else
            {
                lines.Add(new(LineChangeKind.Removed, a[x++]));
            }
        }

        return lines;
    }
}
