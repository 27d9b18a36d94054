using EvalWorkflow.Workflows.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Deadlines;

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
