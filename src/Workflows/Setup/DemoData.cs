using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Setup;

/// <summary>The demo: one finance bureau, three units (one a sub-unit), the demo accounts and two open rounds, the sub-unit one overdue.</summary>
public static class DemoData
{
    public const string Password = "Demo#2026";
    public const string BureauName = "示例市财政局";
    public const string HealthBureauName = "示例市卫生健康局";
    public const string DiseaseControlName = "示例市疾病预防控制中心";
    public const string EducationBureauName = "示例市教育局";

    /// <summary>Every demo account has an address here; nothing is sent unless the installation configures SMTP.</summary>
    public const string EmailDomain = "example.gov.cn";

    /// <summary>How many working days before the seeding day the sub-unit round's submission deadline lies.</summary>
    public const int OverdueWorkingDays = 3;

    public static async Task SeedAsync(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.FinanceBureaus.AnyAsync(ct))
        {
            return;
        }

        var bureau = new FinanceBureau(BureauName);
        var health = new BudgetUnit(HealthBureauName, bureau.Id);
        var diseaseControl = new BudgetUnit(DiseaseControlName, bureau.Id, health.Id);
        var education = new BudgetUnit(EducationBureauName, bureau.Id);
        db.FinanceBureaus.Add(bureau);
        db.BudgetUnits.AddRange(health, diseaseControl, education);
        await db.SaveChangesAsync(ct);

        var filer1 = await AddUserAsync(users, "filer1", "张晓明", health.Id, null, Roles.Filer);
        await AddUserAsync(users, "filer2", "李娜", health.Id, null, Roles.Filer);
        await AddUserAsync(users, "head1", "王建国", health.Id, null, Roles.UnitHead);
        await AddUserAsync(users, "dept1", "赵敏", health.Id, null, Roles.DepartmentReviewer);
        await AddUserAsync(users, "filer3", "孙丽", education.Id, null, Roles.Filer);
        await AddUserAsync(users, "head3", "吴强", education.Id, null, Roles.UnitHead);
        await AddUserAsync(users, "filer4", "郑华", diseaseControl.Id, null, Roles.Filer);
        await AddUserAsync(users, "head4", "冯军", diseaseControl.Id, null, Roles.UnitHead);
        await AddUserAsync(users, "reviewer1", "陈静", null, bureau.Id, Roles.FinanceReviewer);
        await AddUserAsync(users, "reviewer2", "刘洋", null, bureau.Id, Roles.FinanceReviewer);
        await AddUserAsync(users, "admin1", "周涛", null, bureau.Id, Roles.FinanceAdmin);

        var definitions = await db.WorkflowDefinitions.ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var year = clock.GetUtcNow().Year - 1;
        var overall = new EvaluationRound(bureau.Id, $"{year}年度部门整体支出绩效自评", year,
            new DateOnly(year + 1, 12, 31), BuiltInDefinitions.DefaultKey, BuiltInTemplates.HunanKey, now);
        // The sub-unit round is past its deadline, so that the progress board shows an overdue unit.
        var subUnits = new EvaluationRound(bureau.Id, $"{year}年度二级单位绩效自评", year,
            WorkingDaysBefore(ChinaDate.Today(clock), OverdueWorkingDays), BuiltInDefinitions.WithDepartmentReviewKey, BuiltInTemplates.HunanKey, now);
        db.Rounds.AddRange(overall, subUnits);
        var standard = definitions.Single(d => d.Key == BuiltInDefinitions.DefaultKey);
        var withDepartment = definitions.Single(d => d.Key == BuiltInDefinitions.WithDepartmentReviewKey);
        var template = await db.Templates.SingleAsync(t => t.Id == BuiltInTemplates.HunanId, ct);
        var healthEvaluation = new Evaluation(overall, health, standard, template);
        db.Evaluations.AddRange(
            healthEvaluation,
            new Evaluation(overall, education, standard, template),
            new Evaluation(overall, diseaseControl, standard, template),
            new Evaluation(subUnits, diseaseControl, withDepartment, template));

        // The health bureau's package is filled in (not yet marked ready) so that the demo shows tables, findings and scores.
        var blank = healthEvaluation.Content();
        healthEvaluation.ReplaceContent(
            ExampleContent.HealthBureau(blank.Sections, blank.Overall.Id, Guid.NewGuid()),
            new Actor(filer1.Id, filer1.DisplayName, new HashSet<string> { Roles.Filer }, health.Id, null));
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly WorkingDaysBefore(DateOnly day, int days)
    {
        var date = day;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(-1);
            if (WorkingCalendar.Official.IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    private static async Task<AppUser> AddUserAsync(UserManager<AppUser> users, string userName, string displayName,
        Guid? unitId, Guid? bureauId, string role)
    {
        var user = new AppUser
        {
            UserName = userName, DisplayName = displayName, UnitId = unitId, FinanceBureauId = bureauId, LockoutEnabled = true,
            Email = $"{userName}@{EmailDomain}",
        };
        BuiltInData.Check(await users.CreateAsync(user, Password));
        BuiltInData.Check(await users.AddToRoleAsync(user, role));
        return user;
    }
}
