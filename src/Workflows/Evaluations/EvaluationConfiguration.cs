using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Evaluations;

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
        builder.HasIndex(e => new { e.FinanceBureauId, e.HolderRole, e.DueOn, e.ClaimedById }); // ClaimedById: the count reads the index alone
        builder.HasIndex(e => e.DueOn); // the reminder scan: what falls due in the next days
        builder.HasIndex(e => new { e.RoundId, e.Stage }); // the round board's counts and stage filter
        builder.HasIndex(e => new { e.FinanceBureauId, e.Id }); // the history check walks a bureau's evaluations in id order
        builder.Property(e => e.ListedUnitName).HasMaxLength(100);
        builder.Property(e => e.ListedRoundTitle).HasMaxLength(Rounds.CreateRound.MaxTitleLength);
        // The public list: listed revisions only, in the order it shows them (newest year first, then unit and round).
        builder.HasIndex(e => new { e.ListedFiscalYear, e.ListedUnitName, e.ListedRoundTitle, e.Id })
            .IsDescending(true, false, false, false).HasFilter("\"ListedFiscalYear\" IS NOT NULL");
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
