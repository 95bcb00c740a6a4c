using Microsoft.Playwright;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// Debian's Chromium driven by Playwright (its own browser download cannot work here), against <see cref="KestrelApi"/>.
/// Screenshots go to bin/…/screenshots (and to $UI_SCREENSHOTS when set).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public KestrelApi Api { get; } = new();
    public IBrowser Browser { get; private set; } = default!;
    private IPlaywright _playwright = default!;

    public static string ScreenshotDir => Environment.GetEnvironmentVariable("UI_SCREENSHOTS") is { Length: > 0 } dir
        ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDir);
        Assertions.SetDefaultExpectTimeout(15_000); // two shared cores: a page may take a few seconds under load
    }

    /// <summary>A fresh browser context (its own cookies) in Russian, on a laptop screen unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Api.BaseUrl, Locale = "ru-RU", ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    public async Task SignInAsync(IPage page, string login)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Логин или адрес электронной почты").FillAsync(login);
        await page.GetByLabel("Пароль").FillAsync(Platform.Identity.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await ((IAsyncLifetime)Api).DisposeAsync();
    }
}
