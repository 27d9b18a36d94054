namespace EvalWorkflow.Web.Components.Shared;

/// <summary>
/// Saves an editor's draft a few seconds after the last change: each change restarts the wait, so a typist is saved once
/// they pause, not on every key. The save runs on the component's dispatcher (<paramref name="invoke"/>), its result is
/// rendered (<paramref name="render"/>: no event handler does it), and an unexpected error goes to the component's error
/// handling (<paramref name="fail"/>) instead of being lost in a background task.
/// </summary>
/// <example><c>new DraftAutosave(InvokeAsync, StateHasChanged, DispatchExceptionAsync, () => SaveAsync(auto: true))</c></example>
public sealed class DraftAutosave(Func<Func<Task>, Task> invoke, Action render, Func<Exception, Task> fail, Func<Task> save) : IDisposable
{
    /// <summary>How long after the last change the draft is saved.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    private CancellationTokenSource? pending;

    /// <summary>Starts (or restarts) the wait before the next save.</summary>
    public void Changed()
    {
        Cancel();
        var wait = pending = new CancellationTokenSource();
        _ = SaveLaterAsync(wait.Token);
    }

    /// <summary>Forgets a pending save, e.g. when the user saved by hand or the editor closed.</summary>
    public void Cancel()
    {
        pending?.Cancel();
        pending?.Dispose();
        pending = null;
    }

    public void Dispose() => Cancel();

    private async Task SaveLaterAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Delay, ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await invoke(async () =>
        {
            try
            {
                await save();
                render();
            }
            catch (Exception e)
            {
                await fail(e);
            }
        });
    }
}
