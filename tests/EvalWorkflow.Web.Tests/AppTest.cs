namespace EvalWorkflow.Web.Tests;

/// <summary>A test class whose every test gets the real app on a SQLite file of its own.</summary>
public abstract class AppTest : IAsyncLifetime
{
    protected AppFactory App { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => App.DisposeAsync().AsTask();

    /// <summary>filer1 writes and submits the health bureau's overall evaluation and head1 signs it: it waits in finance review.</summary>
    protected async Task<Guid> SignedEvaluationAsync()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.SaveSectionAsync(filer, id, "1", "基本情况");
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        await Api.ActOkAsync(await App.ClientForAsync("head1"), id, "Sign", password: "Demo#2026");
        return id;
    }

    /// <summary>The signed evaluation approved by reviewer1 and published by admin1.</summary>
    protected async Task<Guid> PublishedEvaluationAsync()
    {
        var id = await SignedEvaluationAsync();
        var reviewer = await App.ClientForAsync("reviewer1");
        await Api.ActOkAsync(reviewer, id, "Claim");
        await Api.ActOkAsync(reviewer, id, "Approve");
        await Api.ActOkAsync(await App.ClientForAsync("admin1"), id, "Publish");
        return id;
    }
}
