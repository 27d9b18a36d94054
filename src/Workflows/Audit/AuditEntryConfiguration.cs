using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.UserName).HasMaxLength(AuditEntry.MaxUserNameLength);
        builder.Property(a => a.Address).HasMaxLength(64);
        builder.Property(a => a.Subject).HasMaxLength(AuditEntry.MaxSubjectLength);
        builder.Property(a => a.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
        // /admin/audit: a bureau's entries newest first, optionally of one kind or one user.
        builder.HasIndex(a => new { a.FinanceBureauId, a.OccurredAtUtc, a.Id });
        builder.HasIndex(a => new { a.FinanceBureauId, a.Kind, a.OccurredAtUtc });
        builder.HasIndex(a => new { a.FinanceBureauId, a.UserName, a.OccurredAtUtc });
        // The sign-in delay: the recent attempts of one name from one address.
        builder.HasIndex(a => new { a.UserName, a.Address, a.OccurredAtUtc });
        builder.HasIndex(a => new { a.Kind, a.Subject, a.OccurredAtUtc }); // the last unlock of an account
        builder.HasIndex(a => a.OccurredAtUtc); // retention
    }
}
