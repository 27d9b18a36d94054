using Microsoft.EntityFrameworkCore;
using EvalWorkflow.Workflows.Persistence;

namespace EvalWorkflow.Workflows.Identity;

/// <summary>Where an evaluation sits: its unit, that unit's parent, and the finance bureau of its round.</summary>
public sealed record EvaluationScope(Guid UnitId, Guid? ParentUnitId, Guid FinanceBureauId);

/// <summary>The signed-in person acting through a use case, as loaded from the database.</summary>
public sealed record Actor(string UserId, string DisplayName, IReadOnlySet<string> Roles, Guid? UnitId, Guid? FinanceBureauId)
{
    /// <summary>The name they sign in with (the audit log's user).</summary>
    public string UserName { get; init; } = "";

    /// <summary>The address the request came from, when the host knows it (the audit log's address).</summary>
    public string? Address { get; init; }

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>Whether this person holds <paramref name="role"/> for the evaluation at <paramref name="scope"/>.</summary>
    public bool MayActAs(string role, EvaluationScope scope) => IsInRole(role) && role switch
    {
        Identity.Roles.Filer or Identity.Roles.UnitHead => UnitId == scope.UnitId,
        Identity.Roles.DepartmentReviewer => scope.ParentUnitId is not null && UnitId == scope.ParentUnitId,
        Identity.Roles.FinanceReviewer or Identity.Roles.FinanceAdmin => FinanceBureauId == scope.FinanceBureauId,
        _ => false,
    };

    public bool CanSee(EvaluationScope scope) => Roles.Any(role => MayActAs(role, scope));

    public bool IsFinanceStaff => FinanceBureauId is not null && Roles.Any(Identity.Roles.IsFinanceRole);

    public static async Task<Actor?> LoadAsync(AppDbContext db, string userId, string? address = null, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return null;
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(ct);
        return new Actor(user.Id, user.DisplayName, roles.ToHashSet(), user.UnitId, user.FinanceBureauId)
        {
            UserName = user.UserName ?? "", Address = address,
        };
    }
}
