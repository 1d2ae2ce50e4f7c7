using Microsoft.Playwright;

namespace Verilock.E2E.Tests;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by <c>scripts/setup --for-tests</c>) driven by the
/// Playwright driver that ships inside the NuGet package: nothing is downloaded. The flags keep Chromium from
/// reaching for the network at start, which a closed machine refuses.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where page screenshots go: <c>artifacts/screenshots/</c> at the repository root (git-ignored).</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(Verilock.Checks.Samples.RepositoryPaths.Root, "artifacts", "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: run scripts/setup --for-tests (installs Debian's chromium).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// A second browser whose camera is Chromium's fake device playing <paramref name="video"/> (a .y4m file), with
    /// camera permission granted: what a phone camera pointed at a document shows, without a phone.
    /// </summary>
    public async Task<IBrowser> LaunchWithFakeCameraAsync(string video) =>
        await _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={video}",
            ],
        });

    /// <summary>A fresh context (no cookies) with a desktop-sized window and English, unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = locale,
        });
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
