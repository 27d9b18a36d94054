using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace EvalWorkflow.Benchmarks.Scale;

/// <summary>
/// The floor an act is compared with: one UPDATE and one INSERT per transaction on a scratch table in its own file,
/// WAL and synchronous=FULL as the app runs SQLite.
/// </summary>
internal static class RawSqliteRate
{
    /// <returns>Transactions per second.</returns>
    public static double Measure(string path, TimeSpan duration)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE item (id INTEGER PRIMARY KEY, version INTEGER NOT NULL, stage TEXT NOT NULL);
            CREATE TABLE history (id TEXT PRIMARY KEY, item_id INTEGER NOT NULL, sequence INTEGER NOT NULL, body TEXT NOT NULL);
            INSERT INTO item VALUES (1, 1, 'Drafting');
            """);
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE item SET version = version + 1, stage = $stage WHERE id = 1";
        var stage = update.Parameters.Add("$stage", SqliteType.Text);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO history VALUES ($id, 1, $sequence, $body)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
        var body = insert.Parameters.Add("$body", SqliteType.Text);

        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            (update.Transaction, insert.Transaction) = (transaction, transaction);
            stage.Value = count % 2 == 0 ? "AwaitingSignature" : "Drafting";
            update.ExecuteNonQuery();
            (id.Value, sequence.Value, body.Value) = (Guid.NewGuid().ToString(), count + 1, "Submit");
            insert.ExecuteNonQuery();
            transaction.Commit();
            count++;
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
