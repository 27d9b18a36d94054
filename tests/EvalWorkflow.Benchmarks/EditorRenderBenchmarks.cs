using BenchmarkDotNet.Attributes;
using Bunit;
using EvalWorkflow.Web.Components.Content;
using EvalWorkflow.Workflows.Content;
using MudBlazor.Services;

namespace EvalWorkflow.Benchmarks;

/// <summary>
/// The server side of the 附件2 editor (<see cref="SelfEvaluationEditor"/>) in bUnit's renderer: a re-render after one
/// committed cell (new table, score and findings, as the editor passes them down), and a first render.
/// </summary>
[MemoryDiagnoser]
public class EditorRenderBenchmarks
{
    private BunitContext open = null!;
    private BunitContext fresh = null!;
    private readonly (SelfEvaluationTable Table, TableScore Score, FindingIndex Findings)[] versions = new (SelfEvaluationTable, TableScore, FindingIndex)[2];
    private IRenderedComponent<SelfEvaluationEditor> editor = null!;
    private int next;

    [Params(20, 200)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        open = NewContext();
        fresh = NewContext();
        var content = IndicatorTable.Evaluation(Lines);
        var edited = IndicatorTable.WithChangedCells(content, 1);
        versions[0] = Version(content);
        versions[1] = Version(edited);
        editor = open.Render<SelfEvaluationEditor>(p => Parameters(p, versions[0]));
    }

    /// <summary>One committed cell: the editor gets the changed table with its re-checked score and findings.</summary>
    [Benchmark]
    public int ReRender()
    {
        next = 1 - next;
        editor.Render(p => Parameters(p, versions[next]));
        return editor.RenderCount;
    }

    /// <summary>Opening the tab: the editor rendered from nothing (and disposed again, so that runs do not pile up).</summary>
    [Benchmark]
    public async Task FirstRender()
    {
        fresh.Render<SelfEvaluationEditor>(p => Parameters(p, versions[0]));
        await fresh.DisposeComponentsAsync();
    }

    /// <summary>Asynchronously: MudBlazor's services (KeyInterceptorService) can only be disposed that way.</summary>
    [GlobalCleanup]
    public async Task Cleanup()
    {
        await open.DisposeAsync();
        await fresh.DisposeAsync();
    }

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    private static (SelfEvaluationTable, TableScore, FindingIndex) Version(EvaluationContent content)
    {
        var report = ContentChecks.Run(content, IndicatorTable.Template);
        return (content.Overall, report.Overall, new FindingIndex(report.Findings));
    }

    private static void Parameters(ComponentParameterCollectionBuilder<SelfEvaluationEditor> p,
        (SelfEvaluationTable Table, TableScore Score, FindingIndex Findings) version) => p
        .Add(e => e.Table, version.Table)
        .Add(e => e.Template, IndicatorTable.Template)
        .Add(e => e.Score, version.Score)
        .Add(e => e.Findings, version.Findings)
        .Add(e => e.Part, ContentChecks.OverallPart);
}
