using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Definitions;

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
