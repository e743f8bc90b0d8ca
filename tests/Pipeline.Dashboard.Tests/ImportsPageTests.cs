using System.Text.Json;

namespace Pipeline.Dashboard.Tests;

/// <summary>The imports page in Chromium: a file dropped on the page is uploaded into exports/demo/ and watched to its end.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ImportsPageTests(DemoDashboard dashboard)
{
    /// <summary>Drops a file on the drop zone as a browser does: a DataTransfer holding a File, dragover then drop.</summary>
    private const string DropScript = """
        ([name, text]) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([text], name, { type: 'text/csv' }));
          const zone = document.getElementById('dropzone');
          for (const type of ['dragenter', 'dragover', 'drop']) {
            zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
          }
        }
        """;

    [Fact]
    public async Task DroppedCustomersFile_IsUploadedWithProgress_AndEndsAccepted()
    {
        var name = $"customers-{Guid.NewGuid():N}.csv";
        await using var tab = await DashboardPage.OpenAsync(dashboard, "imports");
        await tab.Page.Locator("#imports-list table").WaitForAsync();

        await tab.Page.EvaluateAsync(DropScript, new[] { name, "customer_id,name,country,segment,channel\ncus_dash_1,Dashboard Test B.V.,NL,SMB,organic\n" });
        await tab.Page.Locator("#upload-status .badge").WaitForAsync(new() { Timeout = 60_000 });

        Assert.Equal($"{name}: Accepted", await tab.TextAsync("#upload-status"));
        Assert.Equal("1", await tab.Page.Locator("#upload-progress").EvaluateAsync<string>("progress => String(progress.value)"));
        Assert.Equal($"Report of {name}", await tab.TextAsync("#report-title"));
        var imports = (await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/imports")).EnumerateArray().ToList();
        Assert.Equal("Accepted", imports.Single(row => row.GetProperty("fileName").GetString() == name).GetProperty("status").GetString());
        Assert.Contains(name, await tab.Page.Locator("#imports-list td[data-column=fileName]").AllInnerTextsAsync());
        await tab.ScreenshotAsync("imports");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task DroppedFileWithBadRows_EndsRejected_AndItsReportListsRowColumnValueAndMessage()
    {
        var name = $"revenue-bad-{Guid.NewGuid():N}.csv";
        const string content = """
            customer_id,amount,currency,service_start,service_end
            cus_bad_1,forty-nine,EUR,2026-10-01,2026-11-01
            cus_bad_2,49.00,EUR,2026-10-01,2026-11-01
            """;
        await using var tab = await DashboardPage.OpenAsync(dashboard, "imports");
        await tab.Page.Locator("#imports-list table").WaitForAsync();

        await tab.Page.EvaluateAsync(DropScript, new[] { name, content.ReplaceLineEndings("\n") + "\n" });
        await tab.Page.Locator("#upload-status .badge").WaitForAsync(new() { Timeout = 60_000 });
        await tab.Page.Locator("#import-report tbody tr").First.WaitForAsync();

        Assert.Equal($"{name}: Rejected", await tab.TextAsync("#upload-status"));
        var id = (await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/imports")).EnumerateArray()
            .Single(row => row.GetProperty("fileName").GetString() == name).GetProperty("id").GetString();
        var report = await dashboard.ApiAsync($"/api/tenants/{DemoDashboard.Tenant}/imports/{id}");
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.Equal(errors.Count, await tab.Page.Locator("#import-report tbody tr").CountAsync());
        Assert.Equal(errors.Select(Text("row")), await tab.Page.Locator("#import-report td[data-column=row]").AllInnerTextsAsync());
        Assert.Equal(errors.Select(Text("column")), await tab.Page.Locator("#import-report td[data-column=column]").AllInnerTextsAsync());
        Assert.Equal(errors.Select(Text("value")), await tab.Page.Locator("#import-report td[data-column=value]").AllInnerTextsAsync());
        Assert.Equal(errors.Select(Text("message")), await tab.Page.Locator("#import-report td[data-column=message]").AllInnerTextsAsync());
        Assert.Contains("forty-nine", await tab.TextAsync("#import-report tbody"), StringComparison.Ordinal);
        await tab.ScreenshotAsync("imports-rejected-report");
        Assert.Empty(tab.Errors);
    }

    private static Func<JsonElement, string> Text(string name) =>
        error => error.GetProperty(name).ValueKind == JsonValueKind.Number ? error.GetProperty(name).GetRawText() : error.GetProperty(name).GetString() ?? "";
}
