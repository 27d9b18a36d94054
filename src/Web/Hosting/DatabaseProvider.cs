namespace EvalWorkflow.Web.Hosting;

/// <summary>SQLite is the embedded default; <c>Database:Provider=Postgres</c> is the path to several machines.</summary>
public static class DatabaseProvider
{
    public static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
}
