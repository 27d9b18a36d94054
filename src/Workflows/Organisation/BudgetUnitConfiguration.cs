using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EvalWorkflow.Workflows.Organisation;

internal sealed class BudgetUnitConfiguration : IEntityTypeConfiguration<BudgetUnit>
{
    public void Configure(EntityTypeBuilder<BudgetUnit> builder)
    {
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.HasOne<FinanceBureau>().WithMany().HasForeignKey(u => u.FinanceBureauId);
        builder.HasOne<BudgetUnit>().WithMany().HasForeignKey(u => u.ParentUnitId);
    }
}
