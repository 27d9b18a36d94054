using EvalWorkflow.Workflows.Persistence;

namespace EvalWorkflow.Workflows.Identity;

public static class UserQueries
{
    /// <summary>The users who hold any of <paramref name="roles"/>, asked in the database as one subquery.</summary>
    public static IQueryable<AppUser> InRoles(this IQueryable<AppUser> users, AppDbContext db, params IReadOnlyCollection<string> roles) =>
        users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))));
}
