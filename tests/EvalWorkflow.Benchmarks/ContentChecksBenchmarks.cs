using BenchmarkDotNet.Attributes;
using EvalWorkflow.Workflows.Content;

namespace EvalWorkflow.Benchmarks;

/// <summary>The eight rules on the whole package: what the editor runs on every committed cell.</summary>
[MemoryDiagnoser]
public class ContentChecksBenchmarks
{
    private EvaluationContent content = null!;

    [Params(20, 200)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup() => content = IndicatorTable.Evaluation(Lines);

    [Benchmark]
    public ContentReport Run() => ContentChecks.Run(content, IndicatorTable.Template);
}
