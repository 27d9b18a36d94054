using BenchmarkDotNet.Attributes;
using EvalWorkflow.Workflows.Content;

namespace EvalWorkflow.Benchmarks;

/// <summary>The cell-by-cell comparison a resubmission shows: two versions of the package differing in 10 indicator cells.</summary>
[MemoryDiagnoser]
public class ContentDiffBenchmarks
{
    private const int ChangedCells = 10;

    private EvaluationContent before = null!;
    private EvaluationContent after = null!;

    [Params(20, 200)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        before = IndicatorTable.Evaluation(Lines);
        after = IndicatorTable.WithChangedCells(before, ChangedCells);
        var found = ContentChanges.Between(DateTime.UnixEpoch, before, after).Cells.Count;
        if (found != ChangedCells)
        {
            throw new InvalidOperationException($"The two versions differ in {found} cells, not {ChangedCells}.");
        }
    }

    [Benchmark]
    public int Cells() => ContentCells.Of(after).Count();

    [Benchmark]
    public ContentChanges Between() => ContentChanges.Between(DateTime.UnixEpoch, before, after);
}
