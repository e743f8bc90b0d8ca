using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Pipeline.Application.Tests;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Serving;

/// <summary><c>format=xlsx</c> and <c>format=csv-excel</c> of the KPI rows through the real local host, against its own JSON.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SpreadsheetEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        await _host.DropAsync("sheet/revenue.csv", SampleExports.RevenueLines);
        await _host.WaitForImportsAsync("sheet", imports => imports.Any(import => import.GetProperty("status").GetString() == "Accepted"), seconds: 120);
        using var close = await _host.Http.PostAsync(new Uri("/api/tenants/sheet/closes/2025-06", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetKpis_Xlsx_CellsReadBackAsTheJsonValuesTyped()
    {
        var json = (await _host.GetJsonAsync("/api/tenants/sheet/kpis?to=2025-06")).EnumerateArray().ToList();
        using var response = await _host.Http.GetAsync(new Uri("/api/tenants/sheet/kpis?to=2025-06&format=xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        var rows = workbook.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(json.Count, rows.Count);
        foreach (var (cells, row) in rows.Zip(json))
        {
            var month = DateTime.ParseExact(row.GetProperty("month").GetString()!, "yyyy-MM", CultureInfo.InvariantCulture);
            Assert.Equal(month, Assert.IsType<DateTime>(cells["month"]));
            Assert.Equal(row.GetProperty("status").GetString(), Assert.IsType<string>(cells["status"]));
            foreach (var figure in new[] { "mrr", "startMrr", "newMrr", "churnedMrr", "customerChurnRate", "grossMrrChurnRate", "nrr", "arpa" })
            {
                var value = row.GetProperty(figure);
                if (value.ValueKind == JsonValueKind.Null)
                {
                    Assert.Null(cells[figure]);
                }
                else
                {
                    Assert.Equal((double)value.GetDecimal(), Assert.IsType<double>(cells[figure]), 9);
                }
            }

            Assert.Equal((double)row.GetProperty("customers").GetInt32(), Assert.IsType<double>(cells["customers"]));
            Assert.Equal(row.GetProperty("computedAt").GetDateTimeOffset().UtcDateTime, Assert.IsType<DateTime>(cells["computedAt"]), TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task GetKpis_CsvExcelDutch_BomSepLineSemicolonsAndDecimalComma()
    {
        using var response = await _host.Http.GetAsync(new Uri("/api/tenants/sheet/kpis?from=2025-05&to=2025-05&format=csv-excel&culture=nl-NL", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("sep=;", lines[0]);
        var header = lines[1].Split(';');
        var may = lines[2].Split(';');
        Assert.Equal(("2025-05", "180,00", "0,500000"), (may[Array.IndexOf(header, "month")], may[Array.IndexOf(header, "mrr")], may[Array.IndexOf(header, "customerChurnRate")]));
        var plain = await _host.GetTextAsync("/api/tenants/sheet/kpis?from=2025-05&to=2025-05&format=csv&culture=nl-NL");
        Assert.StartsWith("month,", plain, StringComparison.Ordinal);
        Assert.Contains(",180.00,", plain, StringComparison.Ordinal);
    }
}
