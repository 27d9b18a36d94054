using System.Diagnostics;
using System.Globalization;

namespace EvalWorkflow.Benchmarks.Scale;

/// <summary>Measured values of one row: median, min–max and the 95th percentile (nearest rank).</summary>
internal sealed class Samples(string unit = "ms")
{
    private readonly List<double> values = [];

    public int Count => values.Count;
    public double Median => Percentile(50);
    public double Min => values.Min();
    public double Max => values.Max();
    public double P95 => Percentile(95);

    public void Add(double value) => values.Add(value);

    public double Percentile(int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public string Describe(bool withP95 = false) =>
        $"median {Format(Median)} {unit}, {Format(Min)}–{Format(Max)}" + (withP95 ? $", p95 {Format(P95)} {unit}" : "") + $" (n={Count})";

    public static string Format(double value) => value.ToString(value >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture);

    public static string Megabytes(double bytes) => $"{Format(bytes / (1024 * 1024))} MB";

    /// <summary>This process's resident set (the server runs in it).</summary>
    public static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}

/// <summary>One line of the result table.</summary>
/// <param name="Met">Null when the row could not be measured.</param>
internal sealed record ResultRow(string What, string Target, string Measured, bool? Met);
