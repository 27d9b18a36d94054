using System.Globalization;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Setup;
using Microsoft.AspNetCore.Identity;

namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// <c>dotnet run --project src/Web -c Release -- seed-scale [--units 5000] [--evaluations 100000]</c>: migrates the
/// configured database, seeds the demo, then adds the province-sized data set (<see cref="ScaleData"/>) to the demo bureau.
/// </summary>
public static class SeedScaleCommand
{
    public const string Name = "seed-scale";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (!TryOption(args, "--units", 5000, out var units) || !TryOption(args, "--evaluations", 100_000, out var evaluations))
        {
            Console.Error.WriteLine("用法: seed-scale [--units <单位数>] [--evaluations <评价数>]");
            return 2;
        }

        await DatabaseInitializer.InitializeAsync(services, seedDemo: true, CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        try
        {
            var summary = await ScaleData.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
                scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                units, evaluations, Console.WriteLine);
            Console.WriteLine($"已生成：单位 {summary.Units}，用户 {summary.Users}，批次 {summary.Rounds}，评价 {summary.Evaluations}，" +
                $"办理记录 {summary.Events}，通知 {summary.Notifications}，用时 {summary.Elapsed.TotalSeconds:F1} 秒");
            Console.WriteLine("各阶段：" + string.Join("，", summary.Stages.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"未生成：{ex.Message}");
            return 1;
        }
    }

    private static bool TryOption(string[] args, string name, int fallback, out int value)
    {
        var index = Array.IndexOf(args, name);
        value = fallback;
        return index < 0 || (index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out value));
    }
}
