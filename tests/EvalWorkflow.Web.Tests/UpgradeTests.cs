using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Web.Tests;

/// <summary>A database that was written by an older version of the app, started by this one.</summary>
public sealed class UpgradeTests : AppTest
{
    [Fact]
    public async Task Evaluations_from_before_revisions_start_at_revision_1_and_a_correction_made_since_moves_up_with_them()
    {
        var file = Path.Combine(Path.GetTempPath(), $"evalworkflow-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            Guid plain, corrected, correction = Guid.NewGuid();
            await using (var old = new AppFactory(file))
            {
                var ids = await old.WithDbAsync(db => db.Evaluations.OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync());
                (plain, corrected) = (ids[0], ids[1]);
                // As the Corrections migration left them (revision 0), and a correction of one made after it (revision 1).
                await old.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                    """
                    UPDATE Evaluations SET Revision = 0 WHERE Id IN ({0}, {1});
                    CREATE TEMP TABLE copy AS SELECT * FROM Evaluations WHERE Id = {1};
                    UPDATE copy SET Id = {2}, Revision = 1, CorrectsId = {1};
                    INSERT INTO Evaluations SELECT * FROM copy;
                    DROP TABLE copy;
                    """, Text(plain), Text(corrected), Text(correction)));
            }

            await using var upgraded = new AppFactory(file);
            var revisions = await upgraded.WithDbAsync(db => db.Evaluations.Where(e => e.Id == plain || e.Id == corrected || e.Id == correction)
                .ToDictionaryAsync(e => e.Id, e => e.Revision));

            Assert.Equal([1, 1, 2], new[] { revisions[plain], revisions[corrected], revisions[correction] });
            Assert.False(await upgraded.WithDbAsync(db => db.Evaluations.AnyAsync(e => e.Revision < 1)));
            var shown = await Api.EvaluationAsync(await upgraded.ClientForAsync("admin1"), plain);
            Assert.Equal(1, (int)shown["revision"]!["number"]!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", ".migrating" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    [Fact]
    public async Task History_rows_from_before_the_chain_are_not_reported_as_altered_and_the_chain_starts_after_them()
    {
        var id = await SubmittedWithPreChainHistoryAsync();
        await Api.ActOkAsync(await App.ClientForAsync("head1"), id, "Sign", password: "Demo#2026");
        await Api.ActOkAsync(await App.ClientForAsync("reviewer1"), id, "Claim");

        var check = await Api.CheckHistoryAsync(await App.ClientForAsync("admin1"));

        Assert.True((bool)check["holds"]!, check.ToJsonString());
    }

    [Fact]
    public async Task A_row_whose_hash_was_removed_after_the_chain_started_is_reported()
    {
        var id = await SubmittedWithPreChainHistoryAsync();
        await Api.ActOkAsync(await App.ClientForAsync("head1"), id, "Sign", password: "Demo#2026");
        await Api.ActOkAsync(await App.ClientForAsync("reviewer1"), id, "Claim");
        var claimed = await App.WithDbAsync(db => db.EvaluationEvents.Where(e => e.EvaluationId == id).MaxAsync(e => e.Sequence));
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE EvaluationEvents SET Hash = '', PreviousHash = NULL, Comment = '改过' WHERE EvaluationId = {0} AND Sequence = {1}",
            Text(id), claimed));

        var check = await Api.CheckHistoryAsync(await App.ClientForAsync("admin1"));

        var broken = Assert.Single(check["firstBroken"]!.AsArray())!;
        Assert.Equal(claimed, (int)broken["sequence"]!);
        Assert.Contains("哈希被清除", (string?)broken["reason"]);
    }

    /// <summary>
    /// The health bureau's evaluation submitted, with every history row so far as the migration that added the chain left
    /// rows written before it: no hash, and older than every chained row (the demo's histories are chained).
    /// </summary>
    private async Task<Guid> SubmittedWithPreChainHistoryAsync()
    {
        var filer = await App.ClientForAsync("filer1");
        var id = await Api.OverallEvaluationIdAsync(filer);
        await Api.CompleteContentAsync(filer, id);
        await Api.ActOkAsync(filer, id, "Submit");
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """
            UPDATE EvaluationEvents SET Hash = '', PreviousHash = NULL, OccurredAtUtc = strftime('%Y-%m-%d %H:%M:%f', OccurredAtUtc, '-5 years')
            WHERE EvaluationId = {0}
            """, Text(id)));
        return id;
    }

    /// <summary>A GUID as EF Core stores it in SQLite.</summary>
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();
}
