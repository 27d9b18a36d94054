using Npgsql;

namespace EvalWorkflow.Web.Tests;

/// <summary>
/// A throw-away database on the PostgreSQL server that <c>./test.sh</c> starts and names in <c>EVALWORKFLOW_TEST_POSTGRES</c>;
/// dropped (with whatever still holds it) when disposed.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string name = $"evalworkflow_test_{Guid.NewGuid():N}";

    private PostgresDatabase() { }

    private static string Server => Environment.GetEnvironmentVariable("EVALWORKFLOW_TEST_POSTGRES")
        ?? throw new InvalidOperationException("EVALWORKFLOW_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL 15 for these tests.");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = false }.ConnectionString;

    /// <summary>The settings that start an app node on this database.</summary>
    public Dictionary<string, string> NodeSettings(string home) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Default"] = ConnectionString,
        ["HOME"] = home, // each node a home folder of its own, as on separate machines
    };

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = new PostgresDatabase();
        await RunAsync($"CREATE DATABASE {database.name}");
        return database;
    }

    public async ValueTask DisposeAsync() => await RunAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private static async Task RunAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
