namespace EvalWorkflow.Notifications.InApp;

/// <summary>
/// Tells open pages in this process that some users have new notifications, so the app bar's count updates live.
/// With several nodes on PostgreSQL, <see cref="NodeNotifications"/> raises it for what the other nodes' consumers wrote.
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
