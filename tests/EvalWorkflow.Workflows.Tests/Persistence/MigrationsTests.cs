using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Persistence.Postgres;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Tests.Persistence;

/// <summary>Each provider's migration set must describe the whole model: a change migrated for one only fails here.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_sqlite_migrations_cover_the_model()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_postgres_migrations_cover_the_model()
    {
        using var db = new PostgresAppDbContext(
            new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=evalworkflow").Options);

        Assert.False(db.Database.HasPendingModelChanges());
    }
}
