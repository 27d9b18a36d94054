using System.Security.Cryptography;
using EvalWorkflow.Workflows.Content;
using Microsoft.Extensions.Caching.Memory;

namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// Files a screen built in its circuit, waiting a few minutes for the browser to fetch them once: a circuit cannot send
/// a file itself, so it keeps the file here under a random token and sends the browser to a URL that names it.
/// Only the user who built the file, asking for the same resource, gets it. The file stays on disk, not in memory;
/// one never fetched is closed (and so deleted) when it expires.
/// </summary>
public sealed class PreparedDownloads(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private sealed record Prepared(string UserId, string Resource, StreamedFile File);

    public string Keep(string userId, string resource, StreamedFile file)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var options = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = file.Content.Length }
            .RegisterPostEvictionCallback(static (_, value, reason, _) =>
            {
                // Taken files belong to the response that sends them.
                if (reason != EvictionReason.Removed && value is Prepared prepared)
                {
                    prepared.File.Dispose();
                }
            });
        cache.Set(Key(token), new Prepared(userId, resource, file), options);
        return token;
    }

    /// <summary>The file kept under <paramref name="token"/>, removed as it is taken; null when unknown, expired, or someone else's.</summary>
    public StreamedFile? Take(string? token, string? userId, string resource)
    {
        if (string.IsNullOrEmpty(token) || userId is null || !cache.TryGetValue(Key(token), out Prepared? prepared)
            || prepared is null || prepared.UserId != userId || prepared.Resource != resource)
        {
            return null;
        }

        cache.Remove(Key(token));
        return prepared.File;
    }

    private static string Key(string token) => $"prepared-download:{token}";
}
