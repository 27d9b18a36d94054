using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Notifications;

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.Property(m => m.Body).HasMaxLength(20_000);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.HasIndex(m => new { m.SentAtUtc, m.NextAttemptAtUtc });
        builder.HasIndex(m => m.ClaimToken); // a dispatcher pass reads back the rows it claimed
        builder.Ignore(m => m.HasGivenUp);
    }
}
