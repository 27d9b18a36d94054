using System.Globalization;

namespace EvalWorkflow.Web.Components.Public;

/// <summary>How the printed forms write figures: amounts in 万元 and rates to two decimals, points without trailing zeros.</summary>
internal static class SheetFormat
{
    public static string Amount(decimal? value) => value?.ToString("F2", CultureInfo.InvariantCulture) ?? "";

    public static string Percent(decimal? value) => value is decimal v ? v.ToString("F2", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Points(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";

    public static string Score(decimal value) => value.ToString("F2", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? value) => value?.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) ?? "";
}
