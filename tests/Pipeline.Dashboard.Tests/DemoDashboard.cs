using System.Text.Json;
using Microsoft.Playwright;
using Pipeline.LocalHost.Tests;
using Pipeline.Testing;

namespace Pipeline.Dashboard.Tests;

/// <summary>
/// What every browser test needs, started once: Azurite, the local host with the demo tenant ingested and its months
/// through December 2025 closed (so the overview has closed and provisional months), and a headless Chromium.
/// </summary>
/// <remarks>
/// The browser is the system's Chromium (<see cref="ChromiumEnvironmentVariable"/>, else <c>/usr/bin/chromium</c>, which
/// ./test.sh installs from Debian with apt): Playwright's own browser download is never used. The host runs in
/// <c>Pipeline:Auth:Mode</c> None, as <c>./run.sh --demo</c> does, so the page needs no key.
/// </remarks>
public sealed class DemoDashboard : IAsyncLifetime
{
    public const string Tenant = "demo";
    public const string ClosedThrough = "2025-12";
    public const string ChromiumEnvironmentVariable = "PIPELINE_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    private readonly AzuriteInstance _azurite = new();
    private IPlaywright? _playwright;

    public LocalHostInstance Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go: <c>TestResults/screenshots</c> at the repository root.</summary>
    public string Screenshots { get; } = ScreenshotFolder();

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumEnvironmentVariable) is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {chromium}: run 'apt-get install -y chromium' (./test.sh does), or set {ChromiumEnvironmentVariable}.");
        }

        await _azurite.InitializeAsync();
        Host = await LocalHostInstance.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["LocalHost:SeedDemo"] = "true" });
        // The demo's three files (customers, revenue lines, survey answers) accepted before the close, so the closed
        // months' loyalty figures count the answers.
        await Host.WaitForImportsAsync(Tenant, rows => rows.Count(row => row.GetProperty("status").GetString() == "Accepted") >= 3, seconds: 120);
        using var close = await Host.PostAsync($"/api/tenants/{Tenant}/closes/{ClosedThrough}", user: "finance-lead");
        close.EnsureSuccessStatusCode();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
    }

    /// <summary>GETs an API path (relative to the host) and returns its JSON.</summary>
    public Task<JsonElement> ApiAsync(string path) => Host.GetJsonAsync(path);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    private static string ScreenshotFolder()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Pipeline.sln")))
        {
            root = root.Parent;
        }

        var folder = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
