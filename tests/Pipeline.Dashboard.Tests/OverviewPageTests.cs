using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Pipeline.Dashboard.Tests;

/// <summary>The overview in Chromium: the API's figures in the browser's locale, every chart drawn, a drill-down.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OverviewPageTests(DemoDashboard dashboard, ITestOutputHelper output)
{
    [Fact]
    public async Task Overview_ShowsTheApisFiguresInTheBrowsersLocale_DrawsBothCharts_MarksClosedAndProvisionalMonths()
    {
        var opened = Stopwatch.StartNew();
        await using var tab = await DashboardPage.OpenAsync(dashboard, "overview");
        await tab.WaitForChartsAsync(expected: 2);
        opened.Stop();
        var drawnAt = await tab.Page.EvaluateAsync<double>("() => performance.now()");
        output.WriteLine($"Page open to charts drawn: {opened.ElapsedMilliseconds} ms (navigation start to drawn in the page: {drawnAt:0} ms).");
        await File.WriteAllTextAsync(
            Path.Combine(dashboard.Screenshots, "overview-timing.txt"),
            string.Create(CultureInfo.InvariantCulture, $"page open to charts drawn: {opened.ElapsedMilliseconds} ms\n"));
        await tab.ScreenshotAsync("overview");

        var rows = (await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/kpis")).EnumerateArray()
            .Where(row => row.GetProperty("status").GetString() != "awaiting-data" && row.GetProperty("mrr").ValueKind == JsonValueKind.Number).ToList();
        var latest = rows[^1];
        var currency = latest.GetProperty("currency").GetString()!;
        Assert.Equal(latest.GetProperty("month").GetString(), await tab.Page.Locator("#overview-month").InputValueAsync());
        Assert.Equal(await tab.FormatAsync(Figure(latest, "mrr"), "currency", currency), await tab.TextAsync("[data-kpi=mrr] dd"));
        Assert.Equal(await tab.FormatAsync(Figure(latest, "arr"), "currency", currency), await tab.TextAsync("[data-kpi=arr] dd"));
        Assert.Equal(await tab.FormatAsync(Figure(latest, "arpa"), "currency", currency), await tab.TextAsync("[data-kpi=arpa] dd"));
        Assert.Equal(await tab.FormatAsync(Figure(latest, "customers"), "decimal"), await tab.TextAsync("[data-kpi=customers] dd"));
        foreach (var rate in new[] { "nrr", "grr", "customerChurnRate", "grossMrrChurnRate", "netMrrChurnRate" })
        {
            Assert.Equal(await tab.FormatAsync(Figure(latest, rate), "percent", digits: 1), await tab.TextAsync($"[data-kpi={rate}] dd"));
        }

        Assert.Equal(await tab.FormatAsync(Figure(latest, "quickRatio"), "decimal", digits: 2), await tab.TextAsync("[data-kpi=quickRatio] dd"));
        Assert.Matches(@"^€ \d{1,3}(\.\d{3})*,\d{2}$", await tab.TextAsync("[data-kpi=mrr] dd"));
        Assert.Equal("Provisional", await tab.TextAsync("#month-status"));
        Assert.Equal(
            (rows.Count(row => row.GetProperty("status").GetString() == "closed"), rows.Count(row => row.GetProperty("status").GetString() == "provisional")),
            (await tab.Page.Locator("details tr.closed").CountAsync(), await tab.Page.Locator("details tr.provisional").CountAsync()));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Overview_NewCustomersOfAClosedMonth_OpenTheApisDrillDownInADialog()
    {
        await using var tab = await DashboardPage.OpenAsync(dashboard, "overview");
        await tab.WaitForChartsAsync(expected: 2);
        await tab.Page.Locator("#overview-month").SelectOptionAsync(DemoDashboard.ClosedThrough);
        var movements = (await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/movements/{DemoDashboard.ClosedThrough}?type=new")).EnumerateArray().ToList();

        await tab.Page.Locator("[data-movement=new]").ClickAsync();
        await tab.Page.Locator("#drilldown[open]").WaitForAsync();

        Assert.StartsWith("Closed v", await tab.TextAsync("#month-status"), StringComparison.Ordinal);
        Assert.Equal(movements.Count, await tab.Page.Locator("#drilldown tbody tr").CountAsync());
        Assert.Equal(
            movements.Select(row => row.GetProperty("customerId").GetString()!).ToList(),
            await tab.Page.Locator("#drilldown td[data-column=customerId]").AllInnerTextsAsync());
        var total = movements.Sum(row => row.GetProperty("amount").GetDecimal());
        Assert.Contains(await tab.FormatAsync(total, "currency", "EUR"), await tab.TextAsync("#drilldown-title"), StringComparison.Ordinal);
        await tab.ScreenshotAsync("overview-drilldown");
        await tab.Page.Keyboard.PressAsync("Escape");
        await tab.Page.Locator("#drilldown[open]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Hidden });
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Overview_ClickOnTheWaterfallsChurnBar_OpensTheChurnedCustomers()
    {
        await using var tab = await DashboardPage.OpenAsync(dashboard, "overview");
        await tab.WaitForChartsAsync(expected: 2);
        await tab.Page.Locator("#overview-month").SelectOptionAsync(DemoDashboard.ClosedThrough);
        var churned = (await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/movements/{DemoDashboard.ClosedThrough}?type=churn")).GetArrayLength();

        // The middle of the Churn bar (the sixth step), from the chart's own coordinate system: ECharts draws on a canvas.
        var point = await tab.Page.EvaluateAsync<double[]>("""
            async () => {
              const echarts = await import('/lib/echarts.esm.min.js');
              const element = document.getElementById('chart-waterfall');
              const chart = echarts.getInstanceByDom(element);
              const series = chart.getOption().series;
              const base = series[0].data[5], height = series[1].data[5].value;
              const [x, y] = chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [5, base + height / 2]);
              const box = element.getBoundingClientRect();
              return [box.left + x, box.top + y];
            }
            """);
        await tab.Page.Mouse.ClickAsync((float)point[0], (float)point[1]);
        await tab.Page.Locator("#drilldown[open]").WaitForAsync();

        Assert.StartsWith("Churn MRR in ", await tab.TextAsync("#drilldown-title"), StringComparison.Ordinal);
        Assert.Equal(churned, await tab.Page.Locator("#drilldown tbody tr").CountAsync());
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task WithoutATenant_ThePageAsksForOne_AndTheKeyboardOpensItsOverview()
    {
        await using var tab = await DashboardPage.OpenAsync(dashboard, "overview", tenant: null);
        await tab.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Choose a tenant" }).WaitForAsync();

        await tab.Page.GetByLabel("Tenant").FillAsync(DemoDashboard.Tenant);
        await tab.Page.GetByLabel("Tenant").PressAsync("Enter");
        await tab.WaitForChartsAsync(expected: 2);

        Assert.EndsWith($"?tenant={DemoDashboard.Tenant}#overview", tab.Page.Url, StringComparison.Ordinal);
        using var page = await dashboard.Host.Http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.StartsWith("default-src 'self';", string.Join(' ', page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Empty(tab.Errors);
    }

    private static decimal Figure(JsonElement row, string name) => row.GetProperty(name).GetDecimal();
}
