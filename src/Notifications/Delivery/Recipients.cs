using System.Linq.Expressions;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Notifications.Delivery;

/// <summary>The people a notification goes to, found by role and by where they sit.</summary>
public sealed class Recipients(AppDbContext db)
{
    public Task<List<string>> InRolesAsync(IReadOnlyCollection<string> roles, Expression<Func<AppUser, bool>> scope, CancellationToken ct) =>
        db.Users.Where(scope).InRoles(db, roles)
            .Select(u => u.Id)
            .ToListAsync(ct);

    /// <summary>Everyone holding <paramref name="role"/> for an evaluation of the unit: in the unit, its parent, or its finance bureau.</summary>
    public async Task<List<string>> HoldersAsync(string? role, Guid unitId, Guid? parentUnitId, Guid financeBureauId, CancellationToken ct) =>
        role switch
        {
            null => [],
            Roles.Filer or Roles.UnitHead => await InRolesAsync([role], u => u.UnitId == unitId, ct),
            Roles.DepartmentReviewer => await InRolesAsync([role], u => u.UnitId == parentUnitId, ct),
            _ => await InRolesAsync([role], u => u.FinanceBureauId == financeBureauId, ct),
        };
}
