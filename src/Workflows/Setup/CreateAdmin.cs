using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Setup;

/// <summary>Creates a finance administrator outside demo mode; makes the finance bureau too when there is none yet.</summary>
public sealed class CreateAdmin(AppDbContext db, UserManager<AppUser> users) : IUseCase
{
    public async Task<AppUser> HandleAsync(string userName, string password, string bureauName, CancellationToken ct = default)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new InvalidOperationException($"用户 {userName} 已存在");
        }

        var bureau = await db.FinanceBureaus.FirstOrDefaultAsync(b => b.Name == bureauName, ct);
        if (bureau is null)
        {
            bureau = new FinanceBureau(bureauName);
            db.FinanceBureaus.Add(bureau);
            await db.SaveChangesAsync(ct);
        }

        var user = new AppUser { UserName = userName, DisplayName = userName, FinanceBureauId = bureau.Id, LockoutEnabled = true };
        BuiltInData.Check(await users.CreateAsync(user, password));
        BuiltInData.Check(await users.AddToRoleAsync(user, Roles.FinanceAdmin));
        return user;
    }
}
