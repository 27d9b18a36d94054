using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Rounds;

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
