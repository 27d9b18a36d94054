using EvalWorkflow.Web.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EvalWorkflow.EndToEnd.Tests;

/// <summary>The real app on Kestrel with a real port and its own SQLite file, and Debian's chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright? playwright;

    public AppFactory App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: run ./test.sh, which installs Debian's chromium.");
        }

        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1").TrimEnd('/');
        // The API helpers' clients go to the real port too.
        App.ClientOptions.BaseAddress = new Uri(BaseUrl);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>
    /// A fresh browser context (its own cookies) signed in through the login page, of this app or of <paramref name="baseUrl"/>;
    /// with <paramref name="phone"/>, a touch screen of that size.
    /// </summary>
    public async Task<IPage> SignInAsync(string userName, string? baseUrl = null, ViewportSize? phone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl, Locale = "zh-CN", ViewportSize = phone, IsMobile = phone is not null, HasTouch = phone is not null,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync("Demo#2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await WaitInteractiveAsync(page);
        return page;
    }

    public static async Task GotoAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitInteractiveAsync(page);
    }

    /// <summary>Blazor handlers work only once the circuit is up: the layout renders this marker from RendererInfo.IsInteractive.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("#interactive-marker")).ToHaveAttributeAsync("data-interactive", "true");
}
