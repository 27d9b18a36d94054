using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EvalWorkflow.Web.Hosting;

/// <summary><c>/health/ready</c> as JSON: the overall status and each check's (database, storage, bus, scheduler) with its reason.</summary>
public static class HealthReportJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description })
                .OrderBy(e => e.name, StringComparer.Ordinal),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        }));
    }
}
