using System.Net;
using EvalWorkflow.Workflows.Tests.Persistence;
using Microsoft.Extensions.Logging;

namespace EvalWorkflow.Web.Tests;

/// <summary>What an operator reads in the log when users race: the losers are not errors.</summary>
public sealed class RaceLoggingTests : IAsyncLifetime
{
    private readonly ListLogger logs = new();
    private AppFactory app = null!;

    public Task InitializeAsync()
    {
        app = new AppFactory(logs: logs);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    [Fact]
    public async Task Twenty_concurrent_claims_on_one_version_log_no_error_and_no_stack_trace()
    {
        var filer = await app.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        await Api.ActOkAsync(await app.ClientForAsync("head1"), id, "Sign", password: "Demo#2026");
        var reviewer = await app.ClientForAsync("reviewer1");
        var version = await Api.VersionAsync(reviewer, id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Api.ActAsync(reviewer, id, "Claim", version)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.DoesNotContain(logs.Lines, l => l.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            && l.Level >= LogLevel.Information && l.Exception is not null);
        Assert.All(logs.Lines.Where(l => l.Message.Contains("Expected race", StringComparison.Ordinal)), l => Assert.Null(l.Exception));
    }
}
