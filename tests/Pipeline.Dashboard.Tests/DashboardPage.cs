using System.Globalization;
using Microsoft.Playwright;

namespace Pipeline.Dashboard.Tests;

/// <summary>
/// One browser tab on the dashboard, in the nl-NL locale (so numbers read <c>42.605,45</c>), that records every console
/// error and uncaught exception of the page.
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly string _screenshots;

    private DashboardPage(IBrowserContext context, IPage page, string screenshots)
    {
        _context = context;
        Page = page;
        _screenshots = screenshots;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Add($"uncaught: {error}");
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions, so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Opens <c>/?tenant={tenant}#{hash}</c>, or <c>/#{hash}</c> without a tenant.</summary>
    public static async Task<DashboardPage> OpenAsync(DemoDashboard dashboard, string hash, string? tenant = DemoDashboard.Tenant)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var context = await dashboard.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            BaseURL = dashboard.Host.Http.BaseAddress!.ToString(),
        });
        var page = await context.NewPageAsync();
        var tab = new DashboardPage(context, page, dashboard.Screenshots);
        await page.GotoAsync(tenant is null ? $"/#{hash}" : $"/?tenant={tenant}#{hash}");
        return tab;
    }

    /// <summary>Waits until every chart on the page has been drawn (the page marks each with <c>data-drawn</c>).</summary>
    public async Task WaitForChartsAsync(int expected)
    {
        await Page.WaitForFunctionAsync(
            "n => document.querySelectorAll('.chart[data-drawn=\"true\"]').length >= n", expected, new PageWaitForFunctionOptions { Timeout = 30_000 });
    }

    /// <summary>Writes a full-page screenshot to TestResults/screenshots/{name}.png.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, $"{name}.png"), FullPage = true });

    /// <summary>The text of the element, with the non-breaking spaces Intl puts around currency signs as plain spaces.</summary>
    public async Task<string> TextAsync(string selector) => Normalized(await Page.Locator(selector).InnerTextAsync());

    /// <summary>How the page's locale formats an amount, a percentage or a number (Intl.NumberFormat, as the page does).</summary>
    /// <remarks>The value goes as text, turned into a number in the page: Playwright hands a 0 to the page as −0, which Intl writes "-0".</remarks>
    public async Task<string> FormatAsync(decimal value, string style, string? currency = null, int digits = 0)
    {
        var text = await Page.EvaluateAsync<string>(
            "([value, style, currency, digits]) => style === 'currency'"
            + " ? new Intl.NumberFormat(navigator.language, { style, currency }).format(Number(value))"
            + " : new Intl.NumberFormat(navigator.language, { style, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(value))",
            new object?[] { value.ToString(CultureInfo.InvariantCulture), style, currency, digits });
        return Normalized(text);
    }

    public static string Normalized(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ').Trim();

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
