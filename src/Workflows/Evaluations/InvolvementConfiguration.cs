using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Evaluations;

internal sealed class InvolvementConfiguration : IEntityTypeConfiguration<Involvement>
{
    public void Configure(EntityTypeBuilder<Involvement> builder)
    {
        builder.HasKey(i => new { i.UserId, i.EvaluationId });
        builder.Property(i => i.LastAct).HasConversion<string>().HasMaxLength(32);
        // 已办 newest first: the page walks this index from the newest act and stops. The scope columns ride along, so
        // the count and the page's scope filter read the index alone, never the table.
        builder.HasIndex(i => new { i.UserId, i.LastActAtUtc, i.EvaluationId, i.FinanceBureauId, i.UnitId, i.ParentUnitId });
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(i => i.EvaluationId);
    }
}
