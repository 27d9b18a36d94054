using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Content.Templates;

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
