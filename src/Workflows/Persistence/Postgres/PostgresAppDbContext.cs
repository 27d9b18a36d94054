using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EvalWorkflow.Workflows.Persistence.Postgres;

/// <summary>
/// The same model on PostgreSQL, the path to several machines. It is a type of its own only so that EF Core keeps its
/// migrations (generated for Npgsql, in <c>Persistence/Postgres/Migrations</c>) apart from SQLite's.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresAppDbContext</c> build the model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=evalworkflow").Options);
}
