using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EvalWorkflow.Web.Tests;

/// <summary><c>/health</c> stays the liveness check; <c>/health/ready</c> names the database, the bus and the scheduler apart (issue 12).</summary>
public sealed class HealthTests : AppTest
{
    [Fact]
    public async Task Ready_reports_the_database_the_message_bus_and_the_scheduler_each_by_name()
    {
        var client = await App.ClientForAsync(null);
        JsonObject? report = null;
        // The bus and the Hangfire server come up just after the app starts answering.
        await Api.EventuallyAsync(async () =>
        {
            var response = await client.GetAsync("/health/ready");
            report = await response.Content.ReadFromJsonAsync<JsonObject>();
            return response.StatusCode == HttpStatusCode.OK;
        }, "every check to be healthy");

        var checks = report!["checks"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => (string)c!["status"]!);
        Assert.Equal("Healthy", (string?)report["status"]);
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["storage"]);
        Assert.Equal("Healthy", checks["scheduler"]);
        Assert.Contains(checks, c => c.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase) && c.Value == "Healthy");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
