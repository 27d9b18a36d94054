using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using EvalWorkflow.Workflows.Content;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Notifications;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Outbox;
using EvalWorkflow.Workflows.Rounds;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EvalWorkflow.Workflows.Persistence;

/// <summary>
/// The one model. On SQLite (the embedded default) it is used as is with the migrations in <c>Migrations</c>; on
/// PostgreSQL through <see cref="Postgres.PostgresAppDbContext"/>, whose migrations are generated for that provider.
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider with a migration set of its own.</summary>
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<FinanceBureau> FinanceBureaus => Set<FinanceBureau>();
    public DbSet<BudgetUnit> BudgetUnits => Set<BudgetUnit>();
    public DbSet<WorkflowDefinition> WorkflowDefinitions => Set<WorkflowDefinition>();
    public DbSet<EvaluationRound> Rounds => Set<EvaluationRound>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<ReportSection> ReportSections => Set<ReportSection>();
    public DbSet<EvaluationTemplate> Templates => Set<EvaluationTemplate>();
    public DbSet<EvaluationPart> EvaluationParts => Set<EvaluationPart>();
    public DbSet<EvaluationEvent> EvaluationEvents => Set<EvaluationEvent>();
    public DbSet<Involvement> Involvements => Set<Involvement>();
    public DbSet<HistoryCheck> HistoryChecks => Set<HistoryCheck>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ConsumedMessage> ConsumedMessages => Set<ConsumedMessage>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    /// <summary>The data-protection key ring (cookies, antiforgery tokens), shared by every node on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC DateTime (SQLite cannot compare DateTimeOffset); read them back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(256);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
