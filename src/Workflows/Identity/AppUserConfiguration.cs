using EvalWorkflow.Workflows.Notifications;
using EvalWorkflow.Workflows.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Identity;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(64);
        builder.HasOne<BudgetUnit>().WithMany().HasForeignKey(u => u.UnitId);
        builder.HasOne<FinanceBureau>().WithMany().HasForeignKey(u => u.FinanceBureauId);
        builder.Property(u => u.EmailMode).HasConversion<string>().HasMaxLength(16);
    }
}
