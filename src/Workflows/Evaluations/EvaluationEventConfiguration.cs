using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Evaluations;

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
