using BenchmarkDotNet.Running;
using EvalWorkflow.Benchmarks.Scale;

namespace EvalWorkflow.Benchmarks;

public static class Program
{
    /// <summary><c>scale</c> runs the province-sized measurements; anything else goes to BenchmarkDotNet.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == ScaleBenchmark.Command)
        {
            return await ScaleBenchmark.RunAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
