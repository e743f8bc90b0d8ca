using Microsoft.Playwright;

namespace Pipeline.Dashboard.Tests;

/// <summary>The closes page in Chromium: close every open month through one, then reopen it with the required reason.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ClosesPageTests(DemoDashboard dashboard)
{
    private const string Month = "2026-01";

    [Fact]
    public async Task CloseThroughAMonth_ThenReopenItWithAReason_BothShowInTheAuditTrail()
    {
        await using var tab = await DashboardPage.OpenAsync(dashboard, "closes");
        await tab.Page.Locator("#closes-list table").WaitForAsync();

        await tab.Page.Locator("#close-through").SelectOptionAsync(Month);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await tab.Page.Locator("#close-outcome:has-text('Closed')").WaitForAsync();
        var closed = await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/closes/{Month}");
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        await tab.Page.Locator("#close-detail td[data-column=kind]:has-text('closed')").WaitForAsync();

        await tab.Page.Locator("#reopen-month").SelectOptionAsync(Month);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Reopen" }).ClickAsync();
        Assert.False(await tab.Page.Locator("#reopen-reason").EvaluateAsync<bool>("input => input.validity.valid"));
        Assert.Equal("Closed", (await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/closes/{Month}")).GetProperty("status").GetString());

        await tab.Page.GetByLabel("Reason (required)").FillAsync("late credit note for cus_0042");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Reopen" }).ClickAsync();
        await tab.Page.Locator("#close-outcome:has-text('Reopened')").WaitForAsync();
        await tab.Page.Locator("#close-detail td[data-column=reason]:has-text('late credit note for cus_0042')").WaitForAsync();

        var reopened = await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/closes/{Month}");
        Assert.Equal("Reopened", reopened.GetProperty("status").GetString());
        Assert.Contains(
            reopened.GetProperty("audit").EnumerateArray(),
            entry => entry.GetProperty("kind").GetString() == "reopened" && entry.GetProperty("reason").GetString() == "late credit note for cus_0042");
        await tab.ScreenshotAsync("closes");
        Assert.Empty(tab.Errors);
    }
}
