using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Content;

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
