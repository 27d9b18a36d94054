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
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Persistence;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(64);
        builder.HasOne<BudgetUnit>().WithMany().HasForeignKey(u => u.UnitId);
        builder.HasOne<FinanceBureau>().WithMany().HasForeignKey(u => u.FinanceBureauId);
        builder.Property(u => u.EmailMode).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Stage).HasMaxLength(64);
        builder.HasIndex(r => new { r.EvaluationId, r.Stage, r.DueDate, r.Offset, r.Kind }).IsUnique();
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(r => r.EvaluationId);
    }
}

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.Property(m => m.Body).HasMaxLength(20_000);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.HasIndex(m => new { m.SentAtUtc, m.NextAttemptAtUtc });
        builder.Ignore(m => m.HasGivenUp);
    }
}

internal sealed class BudgetUnitConfiguration : IEntityTypeConfiguration<BudgetUnit>
{
    public void Configure(EntityTypeBuilder<BudgetUnit> builder)
    {
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.HasOne<FinanceBureau>().WithMany().HasForeignKey(u => u.FinanceBureauId);
        builder.HasOne<BudgetUnit>().WithMany().HasForeignKey(u => u.ParentUnitId);
    }
}

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinition>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinition> builder)
    {
        builder.HasIndex(d => new { d.Key, d.Version }).IsUnique();
        builder.Property(d => d.Key).HasMaxLength(64);
        builder.Property(d => d.BodyJson).HasMaxLength(20_000);
        builder.Ignore(d => d.Body);
    }
}

internal sealed class EvaluationRoundConfiguration : IEntityTypeConfiguration<EvaluationRound>
{
    public void Configure(EntityTypeBuilder<EvaluationRound> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(CreateRound.MaxTitleLength);
        builder.Property(r => r.WorkflowDefinitionKey).HasMaxLength(64);
        builder.Property(r => r.TemplateKey).HasMaxLength(64).HasDefaultValue(BuiltInTemplates.HunanKey);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<FinanceBureau>().WithMany().HasForeignKey(r => r.FinanceBureauId);
    }
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> builder)
    {
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.Stage).HasMaxLength(64);
        builder.HasIndex(e => new { e.RoundId, e.UnitId, e.Revision }).IsUnique();
        builder.Property(e => e.CorrectionReason).HasMaxLength(500);
        builder.HasIndex(e => e.Stage);
        builder.HasIndex(e => e.PublishScheduledAtUtc);
        // Whose task is it: one index per scope, each led by the scope so an inbox reads only its own rows.
        builder.Property(e => e.HolderRole).HasMaxLength(64);
        builder.HasIndex(e => new { e.UnitId, e.HolderRole });
        builder.HasIndex(e => new { e.ParentUnitId, e.HolderRole });
        builder.HasIndex(e => new { e.FinanceBureauId, e.HolderRole, e.DueOn });
        builder.HasIndex(e => e.DueOn); // the reminder scan: what falls due in the next days
        builder.HasIndex(e => new { e.RoundId, e.Stage }); // the round board's counts and stage filter
        builder.HasIndex(e => new { e.FinanceBureauId, e.Id }); // the history check walks a bureau's evaluations in id order
        builder.HasOne<FinanceBureau>().WithMany().HasForeignKey(e => e.FinanceBureauId);
        builder.HasOne<BudgetUnit>().WithMany().HasForeignKey(e => e.ParentUnitId);
        builder.HasOne(e => e.Round).WithMany().HasForeignKey(e => e.RoundId);
        builder.HasOne(e => e.Unit).WithMany().HasForeignKey(e => e.UnitId);
        builder.HasOne(e => e.WorkflowDefinition).WithMany().HasForeignKey(e => e.WorkflowDefinitionId);
        builder.HasMany(e => e.Sections).WithOne().HasForeignKey(s => s.EvaluationId);
        builder.Navigation(e => e.Sections).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne(e => e.Template).WithMany().HasForeignKey(e => e.TemplateId);
        builder.Property(e => e.TemplateId).HasDefaultValue(BuiltInTemplates.HunanId);
        builder.HasMany(e => e.Parts).WithOne().HasForeignKey(p => p.EvaluationId);
        builder.Navigation(e => e.Parts).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(e => e.LeadFilerName).HasMaxLength(64);
        builder.Ignore(e => e.Claim);
        builder.Ignore(e => e.Signature);
        builder.Ignore(e => e.Scope);
        builder.Ignore(e => e.IsEditable);
        builder.Ignore(e => e.SubmissionDeadline);
    }
}

internal sealed class EvaluationTemplateConfiguration : IEntityTypeConfiguration<EvaluationTemplate>
{
    public void Configure(EntityTypeBuilder<EvaluationTemplate> builder)
    {
        builder.HasIndex(t => new { t.Key, t.Version }).IsUnique();
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.Property(t => t.BodyJson).HasMaxLength(50_000);
        builder.Ignore(t => t.Body);
    }
}

internal sealed class EvaluationPartConfiguration : IEntityTypeConfiguration<EvaluationPart>
{
    public void Configure(EntityTypeBuilder<EvaluationPart> builder)
    {
        // Ids are made by the aggregate (a project table's by the client), so a part found new in the collection is inserted.
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.BodyJson).HasMaxLength(EvaluationPart.MaxBodyLength);
        builder.Property(p => p.AssigneeName).HasMaxLength(64);
        builder.Property(p => p.ReadyByName).HasMaxLength(64);
        builder.HasIndex(p => new { p.EvaluationId, p.Kind });
        builder.Ignore(p => p.IsReady);
    }
}

internal sealed class ReportSectionConfiguration : IEntityTypeConfiguration<ReportSection>
{
    public void Configure(EntityTypeBuilder<ReportSection> builder)
    {
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.Code).HasMaxLength(32);
        builder.Property(s => s.Title).HasMaxLength(128);
        builder.Property(s => s.Markdown).HasMaxLength(ReportSection.MaxLength);
        builder.HasIndex(s => new { s.EvaluationId, s.Code }).IsUnique();
    }
}

internal sealed class EvaluationEventConfiguration : IEntityTypeConfiguration<EvaluationEvent>
{
    public void Configure(EntityTypeBuilder<EvaluationEvent> builder)
    {
        builder.Property(e => e.Act).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Comment).HasMaxLength(PerformAct.MaxCommentLength);
        builder.Property(e => e.PinsJson).HasMaxLength(100_000);
        builder.Property(e => e.ContentJson).HasMaxLength(4_000_000);
        builder.Ignore(e => e.Pins);
        builder.Ignore(e => e.SubmittedContent);
        builder.HasIndex(e => new { e.EvaluationId, e.OccurredAtUtc });
        builder.HasIndex(e => new { e.EvaluationId, e.Sequence }).IsUnique();
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.HasIndex(e => new { e.ActorId, e.EvaluationId, e.Sequence }); // 已办: each evaluation's last act by this person
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(e => e.EvaluationId);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasIndex(m => m.EventId).IsUnique();
        builder.HasIndex(m => m.SentAtUtc);
        builder.Property(m => m.Payload).HasMaxLength(20_000);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasIndex(n => new { n.EventId, n.UserId }).IsUnique();
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        builder.HasIndex(n => new { n.UserId, n.CreatedAtUtc });
        builder.Property(n => n.Body).HasMaxLength(PerformAct.MaxCommentLength + 256);
    }
}

internal sealed class ConsumedMessageConfiguration : IEntityTypeConfiguration<ConsumedMessage>
{
    public void Configure(EntityTypeBuilder<ConsumedMessage> builder)
    {
        builder.HasKey(m => new { m.EventId, m.Consumer });
        builder.Property(m => m.Consumer).HasMaxLength(128);
    }
}
