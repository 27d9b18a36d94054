using System.IO.Compression;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Publication;

/// <summary>
/// Every published report of a round as Word documents in one zip, for the finance administrator of the round's bureau.
/// Reports are loaded (untracked) and built one at a time, each written into the zip on a temporary file before the next
/// is read, so memory holds one report whatever the round's size; <c>progress</c> hears after each.
/// </summary>
public sealed class BuildRoundArchive(AppDbContext db) : IUseCase
{
    public const string ContentType = "application/zip";

    public async Task<StreamedFile> HandleAsync(Actor actor, Guid roundId, IProgress<(int Done, int Total)>? progress = null,
        CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || !actor.IsFinanceStaff || round.FinanceBureauId != actor.FinanceBureauId)
        {
            throw Refusal.NotFound("评价批次");
        }

        if (!actor.IsInRole(Roles.FinanceAdmin))
        {
            throw Refusal.Forbidden("只有财政管理员可以下载本批次的已公开报告");
        }

        var published = DownloadPublishedReport.Published(db).Where(e => e.RoundId == roundId);
        var ids = await published.OrderBy(e => e.Unit.Name).Select(e => e.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            throw new Refusal(RefusalKind.Conflict, "本批次还没有已公开的报告");
        }

        progress?.Report((0, ids.Count));
        var title = string.Concat(round.Title.Where(c => !Path.GetInvalidFileNameChars().Contains(c)));
        return await StreamedFile.WriteAsync($"{title}-已公开报告.zip", ContentType, async stream =>
        {
            // Create mode writes each entry through to the file as it is closed.
            await using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            var names = new HashSet<string>();
            for (var i = 0; i < ids.Count; i++)
            {
                var file = DownloadPublishedReport.FileOf(await published.SingleAsync(e => e.Id == ids[i], ct));
                var entry = zip.CreateEntry(UniqueName(names, file.FileName), CompressionLevel.Optimal);
                await using (var target = await entry.OpenAsync(ct))
                {
                    await target.WriteAsync(file.Content, ct);
                }

                progress?.Report((i + 1, ids.Count));
            }
        });
    }

    /// <summary>Two units of one name get "…（2）.docx" rather than one overwriting the other.</summary>
    private static string UniqueName(HashSet<string> names, string name)
    {
        var candidate = name;
        for (var n = 2; !names.Add(candidate); n++)
        {
            candidate = $"{Path.GetFileNameWithoutExtension(name)}（{n}）{Path.GetExtension(name)}";
        }

        return candidate;
    }
}
