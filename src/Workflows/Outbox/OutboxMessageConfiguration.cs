using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasIndex(m => m.EventId).IsUnique();
        builder.HasIndex(m => m.SentAtUtc);
        // The dispatcher's confirmation and redelivery walk only the published, undelivered rows.
        builder.HasIndex(m => m.RetryAtUtc);
        builder.HasIndex(m => m.ClaimToken); // a dispatcher pass reads back the rows it claimed
        builder.Property(m => m.Payload).HasMaxLength(20_000);
    }
}
