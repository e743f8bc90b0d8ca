using System.Text.Json;

namespace Pipeline.Dashboard.Tests;

/// <summary>The loyalty page in Chromium: the API's <c>/loyalty</c> figures in the browser's locale, "—" for a month without responses.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LoyaltyPageTests(DemoDashboard dashboard)
{
    private static readonly string[] NpsColumns = ["nps", "revenueWeightedNps", "nps12"];

    private static readonly string[] ShareColumns =
    [
        "sameSolutionShare", "sameProviderShare", "loyalShare",
        "promoterChurn3", "passiveChurn3", "detractorChurn3", "promoterChurn6", "passiveChurn6", "detractorChurn6",
    ];

    private static readonly string[] CountColumns = ["responses", "captiveCustomers"];

    [Fact]
    public async Task Loyalty_ShowsTheApisFiguresOfAClosedMonth_InTheBrowsersLocale_AndMarksClosedAndProvisionalMonths()
    {
        await using var tab = await DashboardPage.OpenAsync(dashboard, "loyalty");
        await tab.WaitForChartsAsync(expected: 2);
        var rows = await LoyaltyRowsAsync();
        var row = rows.Last(candidate => candidate.GetProperty("status").GetString() == "closed" && candidate.GetProperty("responses").GetInt32() > 0);
        var month = row.GetProperty("month").GetString()!;
        var currency = row.GetProperty("currency").GetString()!;

        foreach (var column in NpsColumns.Concat(ShareColumns).Concat(CountColumns).Append("captiveMrr"))
        {
            Assert.Equal(await ExpectedAsync(tab, row, column, currency), await CellAsync(tab, month, column));
        }

        Assert.Equal(JsonValueKind.Number, row.GetProperty("nps").ValueKind);
        Assert.Matches(@"^[-−]?\d{1,3},\d$", await CellAsync(tab, month, "nps"));
        Assert.Matches(@"^\d{1,3},\d ?%$", await CellAsync(tab, month, "sameSolutionShare"));
        Assert.StartsWith("Closed v", await CellAsync(tab, month, "status"), StringComparison.Ordinal);
        Assert.Equal(
            (rows.Count(candidate => candidate.GetProperty("status").GetString() == "closed"), rows.Count(candidate => candidate.GetProperty("status").GetString() == "provisional")),
            (await tab.Page.Locator("#loyalty-table tr.closed").CountAsync(), await tab.Page.Locator("#loyalty-table tr.provisional").CountAsync()));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Loyalty_AMonthWithoutResponses_ShowsADash_AndIsSkippedInTheNpsChart()
    {
        await using var tab = await DashboardPage.OpenAsync(dashboard, "loyalty");
        await tab.WaitForChartsAsync(expected: 2);
        var rows = await LoyaltyRowsAsync();
        var row = rows.First(candidate => candidate.GetProperty("responses").GetInt32() == 0 && candidate.GetProperty("status").GetString() == "closed");
        var month = row.GetProperty("month").GetString()!;
        var index = rows.FindIndex(candidate => candidate.GetProperty("month").GetString() == month);

        Assert.Equal(JsonValueKind.Null, row.GetProperty("nps").ValueKind);
        foreach (var column in new[] { "nps", "revenueWeightedNps", "sameSolutionShare", "sameProviderShare", "loyalShare", "captiveCustomers", "captiveMrr" })
        {
            Assert.Equal("—", await CellAsync(tab, month, column));
        }

        Assert.Equal("0", await CellAsync(tab, month, "responses"));
        var plotted = await tab.Page.EvaluateAsync<JsonElement>(
            """
            async index => {
              const echarts = await import('/lib/echarts.esm.min.js');
              const series = echarts.getInstanceByDom(document.getElementById('chart-loyalty-nps')).getOption().series;
              return series.filter(item => item.name === 'NPS').map(item => (item.data[index] === '-' ? null : item.data[index] ?? null));
            }
            """, index);
        Assert.All(plotted.EnumerateArray(), value => Assert.Equal(JsonValueKind.Null, value.ValueKind));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Loyalty_BySegment_ShowsTheApisSegmentRows()
    {
        await using var tab = await DashboardPage.OpenAsync(dashboard, "loyalty");
        await tab.WaitForChartsAsync(expected: 2);
        await tab.Page.Locator("#loyalty-by").SelectOptionAsync("segment");
        await tab.Page.Locator("#loyalty-segments").WaitForAsync();
        await tab.WaitForChartsAsync(expected: 2);
        var rows = (await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/loyalty?by=segment")).EnumerateArray().ToList();
        var segment = await tab.Page.Locator("#loyalty-segment").InputValueAsync();
        var row = rows.Last(candidate => candidate.GetProperty("segment").GetString() == segment && candidate.GetProperty("responses").GetInt32() > 0);
        var month = row.GetProperty("month").GetString()!;
        var currency = row.GetProperty("currency").GetString()!;

        Assert.Equal(
            rows.Select(candidate => candidate.GetProperty("segment").GetString()!).Distinct().Order(StringComparer.Ordinal).ToList(),
            (await tab.Page.Locator("#loyalty-segment option").AllInnerTextsAsync()).Order(StringComparer.Ordinal).ToList());
        Assert.Equal("segment", row.GetProperty("dimension").GetString());
        foreach (var column in NpsColumns.Concat(CountColumns).Append("sameProviderShare").Append("captiveMrr"))
        {
            Assert.Equal(await ExpectedAsync(tab, row, column, currency), await CellAsync(tab, month, column));
        }

        Assert.Equal(rows.Count(candidate => candidate.GetProperty("month").GetString() == month), await tab.Page.Locator("#loyalty-segments tbody tr").CountAsync());
        await tab.ScreenshotAsync("loyalty-by-segment");
        Assert.Empty(tab.Errors);
    }

    private async Task<List<JsonElement>> LoyaltyRowsAsync() =>
        (await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/loyalty")).EnumerateArray()
            .Where(row => row.GetProperty("status").GetString() != "awaiting-data" || row.GetProperty("responses").GetInt32() > 0).ToList();

    private static Task<string> CellAsync(DashboardPage tab, string month, string column) =>
        tab.TextAsync($"#loyalty-table tr[data-month='{month}'] td[data-column={column}]");

    /// <summary>A figure as the page should write it: NPS with one decimal, shares and churn as percentages, "—" for null.</summary>
    private static async Task<string> ExpectedAsync(DashboardPage tab, JsonElement row, string column, string currency)
    {
        var value = row.GetProperty(column);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return "—";
        }

        return column switch
        {
            "captiveMrr" => await tab.FormatAsync(value.GetDecimal(), "currency", currency),
            _ when NpsColumns.Contains(column) => await tab.FormatAsync(value.GetDecimal(), "decimal", digits: 1),
            _ when ShareColumns.Contains(column) => await tab.FormatAsync(value.GetDecimal(), "percent", digits: 1),
            _ => await tab.FormatAsync(value.GetDecimal(), "decimal"),
        };
    }
}
