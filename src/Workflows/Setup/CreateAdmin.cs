using EvalWorkflow.Workflows.Audit;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Setup;

/// <summary>Creates a finance administrator outside demo mode; makes the finance bureau too when there is none yet.</summary>
public sealed class CreateAdmin(AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : IUseCase
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
        db.AuditEntries.Add(new AuditEntry(AuditKind.AccountCreated, AuditOutcome.Succeeded, clock.GetUtcNow().UtcDateTime, null,
            "create-admin（命令行）", null, bureau.Id, user.UserName, $"创建{bureau.Name}的财政管理员"));
        await db.SaveChangesAsync(ct);
        return user;
    }
}
