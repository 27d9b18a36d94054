using EvalWorkflow.Workflows.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EvalWorkflow.EndToEnd.Tests;

public sealed class AuditInTheBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_administrator_reads_the_audit_log_filters_it_and_lifts_a_lockout_under_the_pages_script_policy()
    {
        // filer2's account is locked (as ten wrong passwords would leave it).
        await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "filer2")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15))));

        var admin = await fixture.SignInAsync("admin1");
        var refusedScripts = new List<string>();
        admin.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy"))
            {
                refusedScripts.Add(message.Text);
            }
        };
        await admin.GetByRole(AriaRole.Link, new() { Name = "安全审计" }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/audit");
        await BrowserFixture.WaitInteractiveAsync(admin);

        // The log lists admin1's own sign-in, with the address it came from.
        var log = admin.GetByTestId("audit-log");
        await Expect(log.Locator("tr", new() { HasText = "admin1" }).Filter(new() { HasText = "登录" }).First).ToContainTextAsync("127.0.0.1");

        // The locked account is listed; lifting the lock writes an entry of its own.
        await Expect(admin.GetByTestId("locked-accounts")).ToContainTextAsync("filer2");
        await admin.GetByTestId("locked-accounts").GetByTestId("unlock-account").ClickAsync();
        await Expect(admin.GetByTestId("audit-notice")).ToHaveTextAsync("已解除 filer2 的锁定");
        await Expect(admin.GetByTestId("locked-accounts")).ToHaveCountAsync(0);
        await admin.GetByTestId("audit-user-filter").FillAsync("filer2");
        await Expect(log.GetByTestId("audit-user")).ToHaveCountAsync(0); // the unlock is admin1's entry, about filer2
        await admin.GetByTestId("audit-user-filter").FillAsync("admin1");
        await Expect(log.GetByTestId("audit-kind").Filter(new() { HasText = "解除锁定" })).ToHaveCountAsync(1);

        var unlock = await fixture.App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Kind == AuditKind.AccountUnlocked));
        Assert.Equal(("admin1", "filer2", "127.0.0.1"), (unlock.UserName, unlock.Subject, unlock.Address)); // the circuit's address
        Assert.Empty(refusedScripts);
    }
}
