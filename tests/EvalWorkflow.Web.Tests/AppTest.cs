namespace EvalWorkflow.Web.Tests;

/// <summary>A test class whose every test gets the real app on a SQLite file of its own.</summary>
public abstract class AppTest : IAsyncLifetime
{
    protected AppFactory App { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}
