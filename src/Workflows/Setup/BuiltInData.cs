using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Setup;

/// <summary>What every installation has, demo or not: the roles, the built-in workflow definitions and evaluation templates.</summary>
public static class BuiltInData
{
    public static async Task EnsureAsync(AppDbContext db, RoleManager<IdentityRole> roles, CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        foreach (var definition in BuiltInDefinitions.All())
        {
            if (!await db.WorkflowDefinitions.AnyAsync(d => d.Key == definition.Key && d.Version == definition.Version, ct))
            {
                db.WorkflowDefinitions.Add(definition);
            }
        }

        foreach (var template in BuiltInTemplates.All())
        {
            if (!await db.Templates.AnyAsync(t => t.Id == template.Id, ct))
            {
                db.Templates.Add(template);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
