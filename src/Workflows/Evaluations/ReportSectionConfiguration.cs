using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Evaluations;

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
