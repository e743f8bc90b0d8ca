using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pipeline.Application.Tests;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>Files dropped into Azurite, picked up by the real host's poller, closed and read back over HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    internal static readonly string[] KpiColumns = [.. KpiColumnNames.All];

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task DroppedFile_ClosedThroughJune_KpisServedAsJsonAndIdenticalCsv()
    {
        await _host.DropAsync("acme/revenue.csv", SampleExports.RevenueLines);
        var import = await WaitForImportAsync("acme", "revenue.csv");
        Assert.Equal(("Accepted", 19, 0), (import.GetProperty("status").GetString(), import.GetProperty("rows").GetInt32(), import.GetProperty("rowErrors").GetInt32()));

        using var close = await _host.Http.PostAsync(new Uri("/api/tenants/acme/closes/2025-06", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var closed = await ReadJsonAsync(close);
        Assert.Equal(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"], closed.GetProperty("closedNow").EnumerateArray().Select(month => month.GetString()!).ToArray());

        var rows = (await GetJsonAsync("/api/tenants/acme/kpis?from=2025-01&to=2025-08")).EnumerateArray().ToList();
        Assert.Equal(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"], rows.Select(row => row.GetProperty("month").GetString()!).ToArray());
        Assert.Equal(SampleExports.MrrJanuaryToAugust[..7], rows.Take(7).Select(row => row.GetProperty("mrr").GetDecimal()).ToArray());
        Assert.Equal(["closed", "closed", "closed", "closed", "closed", "closed", "provisional", "awaiting-data"], rows.Select(row => row.GetProperty("status").GetString()!).ToArray());
        Assert.Equal((JsonValueKind.Null, "2025-07-01T00:00:00+00:00"), (rows[7].GetProperty("mrr").ValueKind, rows[7].GetProperty("asOf").GetString()));
        var march = rows[2];
        Assert.Equal("230.00", march.GetProperty("mrr").GetRawText());
        Assert.Equal("2760.00", march.GetProperty("arr").GetRawText());
        Assert.Equal("50.00", march.GetProperty("expansionMrr").GetRawText());
        Assert.Equal("80.00", march.GetProperty("churnedMrr").GetRawText());
        Assert.Equal("0.333333", march.GetProperty("customerChurnRate").GetRawText());
        Assert.Equal("115.00", march.GetProperty("arpa").GetRawText());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("customerChurnRate").ValueKind);
        Assert.Equal(KpiColumns, rows[0].EnumerateObject().Select(property => property.Name).ToArray());

        var csv = await GetTextAsync("/api/tenants/acme/kpis?from=2025-01&to=2025-08&format=csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', KpiColumns), lines[0]);
        Assert.Equal(rows.Count, lines.Length - 1);
        for (var index = 0; index < rows.Count; index++)
        {
            Assert.Equal(rows[index].EnumerateObject().Select(CsvCell).ToArray(), lines[index + 1].Split(','));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tenants/acme/kpis?from=2025-01&to=2025-08");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var negotiated = await _host.Http.SendAsync(request);
        Assert.Equal("text/csv", negotiated.Content.Headers.ContentType?.MediaType);
        Assert.Equal(csv, await negotiated.Content.ReadAsStringAsync());

        var june = await GetJsonAsync("/api/tenants/acme/kpis/2025-06");
        Assert.Equal(("closed", "180.00"), (june.GetProperty("status").GetString(), june.GetProperty("mrr").GetRawText()));
    }

    [Fact]
    public async Task SameBytesUnderASecondName_Duplicate_KpisUnchanged()
    {
        await _host.DropAsync("acme/revenue.csv", SampleExports.RevenueLines);
        var original = await WaitForImportAsync("acme", "revenue.csv");
        var before = await GetTextAsync("/api/tenants/acme/kpis");

        await _host.DropAsync("acme/revenue (copy).csv", SampleExports.RevenueLines);
        var copy = await WaitForImportAsync("acme", "revenue (copy).csv");

        Assert.Equal("Duplicate", copy.GetProperty("status").GetString());
        Assert.Equal(original.GetProperty("id").GetString(), copy.GetProperty("duplicateOf").GetString());
        Assert.Equal(before, await GetTextAsync("/api/tenants/acme/kpis"));
        Assert.Equal(2, (await GetJsonAsync("/api/tenants/acme/imports")).GetArrayLength());
    }

    [Fact]
    public async Task BrokenFile_RejectedWithAReportNamingEachBadRow_OriginalKept()
    {
        var etag = await _host.DropAsync("acme/broken.csv", SampleExports.BrokenRevenueLines);
        var import = await WaitForImportAsync("acme", "broken.csv");
        Assert.Equal("Rejected", import.GetProperty("status").GetString());

        var detail = await GetJsonAsync($"/api/tenants/acme/imports/{import.GetProperty("id").GetString()}");

        var errors = detail.GetProperty("errors").EnumerateArray()
            .Select(error => (error.GetProperty("row").GetInt64(), error.GetProperty("column").GetString(), error.GetProperty("value").GetString()))
            .ToArray();
        Assert.Equal([(3L, "amount", "abc"), (4L, "service_start", "2025-13-01"), (5L, "currency", "XXX")], errors);
        Assert.All(detail.GetProperty("errors").EnumerateArray(), error => Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString())));
        Assert.Contains("3 of 4", detail.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var original = await _host.Exports.GetBlobClient("acme/broken.csv").DownloadContentAsync();
        Assert.Equal(etag, original.Value.Details.ETag);
        Assert.Equal(SampleExports.BrokenRevenueLines, original.Value.Content.ToString());
        Assert.Equal("[]", await GetTextAsync("/api/tenants/acme/kpis"));
    }

    [Theory]
    [InlineData("GET", "/api/tenants/Not_A_Tenant/kpis", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/tenants/acme/kpis?from=2025-13", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/tenants/acme/kpis?from=2025-05&to=2025-02", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/tenants/acme/kpis?format=xml", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/tenants/acme/kpis?by=colour", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/tenants/acme/cohorts?metric=money", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/tenants/acme/movements/2025-03?type=upsell", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/tenants/acme/movements/2025-03?offset=-1", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/tenants/acme/movements/2025-03?limit=100001", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/tenants/acme/movements/1999-01", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/tenants/nobody/cohorts", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/tenants/acme/kpis/March", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/tenants/acme/closes/2025-1", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/tenants/nobody/kpis", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/tenants/nobody/kpis/2025-01", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/tenants/acme/kpis/1999-01", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/tenants/nobody/imports", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/tenants/acme/imports/no-such-import", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/tenants/nobody/closes/2025-06", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/tenants/acme/closes/2099-01", HttpStatusCode.Conflict)]
    public async Task BadRequests_ProblemDetailsWithTheRightStatus(string method, string path, HttpStatusCode expected)
    {
        await _host.DropAsync("acme/revenue.csv", SampleExports.RevenueLines);
        await WaitForImportAsync("acme", "revenue.csv");

        using var response = await _host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Health_AnswersWithTheSettingsInUse()
    {
        var health = await GetJsonAsync("/api/health");

        Assert.Equal(("healthy", "EUR", "UTC", 1), (
            health.GetProperty("status").GetString(),
            health.GetProperty("reportingCurrency").GetString(),
            health.GetProperty("businessTimeZone").GetString(),
            health.GetProperty("definitionsVersion").GetInt32()));
    }

    [Fact]
    public async Task OpenApi_DescribesEveryRouteAndTheKpiRowColumns()
    {
        var document = await GetJsonAsync("/api/openapi.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [
                "/api/health", "/api/tenants/{tenant}/closes", "/api/tenants/{tenant}/closes/lease", "/api/tenants/{tenant}/closes/{month}",
                "/api/tenants/{tenant}/closes/{month}/reopen", "/api/tenants/{tenant}/clv", "/api/tenants/{tenant}/clv/forecast", "/api/tenants/{tenant}/clv/purchases",
                "/api/tenants/{tenant}/cohorts",
                "/api/tenants/{tenant}/customers", "/api/tenants/{tenant}/customers/{id}", "/api/tenants/{tenant}/exports/{fileName}",
                "/api/tenants/{tenant}/imports", "/api/tenants/{tenant}/imports/{id}", "/api/tenants/{tenant}/imports/{id}/errors",
                "/api/tenants/{tenant}/kpis",
                "/api/tenants/{tenant}/kpis/{month}", "/api/tenants/{tenant}/kpis/{month}/versions", "/api/tenants/{tenant}/loyalty",
                "/api/tenants/{tenant}/movements/{month}", "/api/tenants/{tenant}/payments", "/api/tenants/{tenant}/receivables",
            ],
            paths);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(KpiColumns, schemas.GetProperty("KpiRow").GetProperty("properties").EnumerateObject().Select(property => property.Name).ToArray());
    }

    [Fact]
    public async Task OpenApi_DescribesTheQueryParameters_AndTheApiAcceptsEveryValueItLists()
    {
        await _host.DropAsync("openapi/revenue.csv", SampleExports.RevenueLines);
        Assert.Equal("Accepted", (await WaitForImportAsync("openapi", "revenue.csv")).GetProperty("status").GetString());
        using (var close = await _host.Http.PostAsync(new Uri("/api/tenants/openapi/closes/2025-06", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        var document = await GetJsonAsync("/api/openapi.json");
        var paths = document.GetProperty("paths");
        var kpis = paths.GetProperty("/api/tenants/{tenant}/kpis").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Where(parameter => parameter.GetProperty("in").GetString() == "query")
            .ToDictionary(parameter => parameter.GetProperty("name").GetString()!);
        Assert.Equal(["from", "to", "by", "format", "culture"], kpis.Keys.ToArray());
        Assert.Equal("^[0-9]{4}-(0[1-9]|1[0-2])$", kpis["from"].GetProperty("schema").GetProperty("pattern").GetString());
        Assert.Contains("plan", kpis["by"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal(["json", "csv", "csv-excel", "xlsx"], kpis["format"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(value => value.GetString()!).ToArray());

        // Every listed value of every GET route that needs only the tenant is accepted (never 400) on a tenant with closed months.
        var checkedValues = 0;
        foreach (var path in paths.EnumerateObject().Where(path => path.Name.StartsWith("/api/tenants/{tenant}/", StringComparison.Ordinal)
            && path.Name.Count(character => character == '{') == 1 && path.Value.TryGetProperty("get", out _)))
        {
            if (!path.Value.GetProperty("get").TryGetProperty("parameters", out var parameters))
            {
                continue;
            }

            foreach (var parameter in parameters.EnumerateArray().Where(parameter => parameter.GetProperty("in").GetString() == "query"))
            {
                if (!parameter.GetProperty("schema").TryGetProperty("enum", out var values))
                {
                    continue;
                }

                foreach (var value in values.EnumerateArray().Select(value => value.GetString()!))
                {
                    var url = path.Name.Replace("{tenant}", "openapi", StringComparison.Ordinal) + "?asOf=2025-06&" + parameter.GetProperty("name").GetString() + "=" + value;
                    using var response = await _host.Http.GetAsync(new Uri(url, UriKind.Relative));
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    checkedValues++;
                }
            }
        }

        Assert.True(checkedValues > 60, $"only {checkedValues} documented values were called");
    }

    private static string CsvCell(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.String when property.Name is "computedAt" or "asOf" => property.Value.GetDateTimeOffset().ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String => property.Value.GetString()!,
        _ => property.Value.GetRawText(),
    };

    private async Task<JsonElement> WaitForImportAsync(string tenant, string fileName)
    {
        var imports = await _host.WaitForImportsAsync(tenant, rows => rows.Any(row => IsFinished(row, fileName)));
        return imports.First(row => IsFinished(row, fileName));
    }

    private static bool IsFinished(JsonElement import, string fileName) =>
        import.GetProperty("fileName").GetString() == fileName && import.GetProperty("status").GetString() != "Processing";

    private Task<JsonElement> GetJsonAsync(string path) => _host.GetJsonAsync(path);

    private Task<string> GetTextAsync(string path) => _host.GetTextAsync(path);

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        LocalHostInstance.Parse(await response.Content.ReadAsStringAsync());
}
