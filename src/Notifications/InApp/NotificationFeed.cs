namespace EvalWorkflow.Notifications.InApp;

/// <summary>
/// Tells open pages in this process that some users have new notifications, so the app bar's count updates live.
/// With several nodes each node's consumer raises it for its own pages only (see docs/decisions).
/// </summary>
public sealed class NotificationFeed
{
    public event Action<IReadOnlyCollection<string>>? Changed;

    public void Raise(IReadOnlyCollection<string> userIds)
    {
        if (userIds.Count > 0)
        {
            Changed?.Invoke(userIds);
        }
    }
}
