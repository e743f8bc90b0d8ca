using System.Text.Json;

namespace Pipeline.Dashboard.Tests;

/// <summary>Cohorts, concentration, segments, customers and loyalty in Chromium: each page renders its charts without errors.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AnalysisPagesTests(DemoDashboard dashboard)
{
    public static TheoryData<string, int> Pages => new()
    {
        { "cohorts", 2 },
        { "concentration", 1 },
        { "segments", 2 },
        { "customers", 0 },
        { "loyalty", 2 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_RendersItsCharts_WithoutConsoleErrors(string page, int charts)
    {
        await using var tab = await DashboardPage.OpenAsync(dashboard, page);
        await tab.Page.WaitForFunctionAsync("page => document.documentElement.dataset.page === page", page, new() { Timeout = 60_000 });
        await tab.WaitForChartsAsync(charts);

        Assert.Equal(charts, await tab.Page.Locator(".chart").CountAsync());
        await tab.ScreenshotAsync(page);
        Assert.Empty(tab.Errors);
    }

    public static TheoryData<string> AllPages => ["overview", "cohorts", "concentration", "segments", "customers", "loyalty", "imports", "closes"];

    /// <summary>Every input, select and button has an accessible name (a label, aria-label or its text), and Tab reaches them.</summary>
    [Theory]
    [MemberData(nameof(AllPages))]
    public async Task Page_EveryControlHasALabel_AndIsReachedByTab(string page)
    {
        await using var tab = await DashboardPage.OpenAsync(dashboard, page);
        await tab.Page.WaitForFunctionAsync("page => document.documentElement.dataset.page === page", page, new() { Timeout = 60_000 });

        var unlabelled = await tab.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea, button')]
              .filter(control => !(control.labels?.length || control.getAttribute('aria-label') || (control.tagName === 'BUTTON' && control.textContent.trim())))
              .map(control => control.outerHTML.slice(0, 120))
            """);
        var focusable = await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('main input, main select, main button, main [tabindex=\"0\"]').length");
        var reached = new HashSet<string>(StringComparer.Ordinal);
        for (var press = 0; press < 40; press++)
        {
            await tab.Page.Keyboard.PressAsync("Tab");
            reached.Add(await tab.Page.EvaluateAsync<string>("() => document.activeElement.closest('main') ? document.activeElement.outerHTML.slice(0, 80) : ''"));
        }

        Assert.Empty(unlabelled);
        Assert.True(reached.Count(control => control.Length > 0) >= Math.Min(focusable, 10), $"Tab reached {reached.Count - 1} of {focusable} controls");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Concentration_ShowsTheGiniOfTheMonthTheCustomersAreValuedAt()
    {
        await using var tab = await DashboardPage.OpenAsync(dashboard, "concentration");
        await tab.WaitForChartsAsync(1);
        var cards = await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/customers?sort=mrr");
        var asOf = cards[0].GetProperty("asOf").GetString();
        var row = (await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/kpis/{asOf}"));

        var gini = await tab.FormatAsync(row.GetProperty("gini").GetDecimal(), "decimal", digits: 2);

        Assert.Equal(JsonValueKind.Number, row.GetProperty("gini").ValueKind);
        Assert.Equal(gini, await tab.TextAsync("#concentration-tiles .tile:first-child dd"));
        Assert.Empty(tab.Errors);
    }
}
