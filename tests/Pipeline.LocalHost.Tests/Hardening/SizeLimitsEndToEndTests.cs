using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>Hardening items 2, 4 and 8 through the real host and Azurite: each hostile file ends with a final status and a reason a user can act on.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SizeLimitsEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Header = "customer_id,plan,amount,currency,service_start,service_end,interval\n";
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() =>
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Pipeline:MaxFileLines"] = "1000" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task MoreLinesThanMaxFileLines_RejectedTooLarge()
    {
        await _host.DropAsync("lines/revenue.csv", Rows(1_500));

        var import = await FinishedAsync("lines");

        Assert.Equal(("Rejected", "too-large", "file too large: more than 1,000 lines, the limit is 1,000; split it or raise Pipeline:MaxFileLines."),
            (Status(import), import.GetProperty("reasonCode").GetString(), import.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task ZipBombOfValidRows_RejectedAtTheCompressionRatio()
    {
        // A host with the default Pipeline:MaxFileLines, so the ratio is the bound the bomb meets first.
        await using var host = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        var bomb = HostileExports.ZipBombOfValidRows(2_000_000);
        await host.DropAsync("bomb/revenue.zip", bomb);

        var import = Assert.Single(await host.WaitForImportsAsync("bomb", rows => rows.Count == 1 && Status(rows[0]) != "Processing", seconds: 120));

        Assert.True(bomb.Length < 1024 * 1024);
        Assert.Equal(("Rejected", "too-large"), (Status(import), import.GetProperty("reasonCode").GetString()));
        Assert.StartsWith("Zip member revenue.csv expands more than 100 times (", import.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZipMemberDeclaringASmallerSize_RejectedNotAcceptedEmpty()
    {
        var content = Encoding.UTF8.GetBytes(Rows(50));
        var zip = HostileExports.WithDeclaredSize(BuildZip("revenue.csv", content), Header.Length);
        await _host.DropAsync("lie/revenue.zip", zip);

        var import = await FinishedAsync("lie");

        Assert.Equal(("Rejected", "unreadable"), (Status(import), import.GetProperty("reasonCode").GetString()));
        Assert.StartsWith($"Zip member revenue.csv is not what the zip's directory says it is (it declares {Header.Length} bytes",
            import.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkbookWithA400MebibyteSharedString_RejectedAsCellTooLong()
    {
        var workbook = HostileExports.XlsxWithHugeSharedString(400L * 1024 * 1024);
        await _host.DropAsync("strings/revenue.xlsx", workbook);

        var import = await FinishedAsync("strings");

        Assert.Equal(("Rejected", "too-large"), (Status(import), import.GetProperty("reasonCode").GetString()));
        Assert.StartsWith("Cell too long: a string in the workbook is longer than 32,767 characters, the most an Excel cell holds",
            import.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanOfSixHundredCharacters_RowErrorAndTheRestAccepted()
    {
        var plan = string.Concat("Enterprise ", new string('x', 589));
        await _host.DropAsync("labels/revenue.csv", string.Concat(Rows(30), $"cus_long,{plan},49.00,EUR,2025-01-01,2025-02-01,month\n"));

        var import = await FinishedAsync("labels");
        var detail = await _host.GetJsonAsync($"/api/tenants/labels/imports/{import.GetProperty("id").GetString()}");

        Assert.Equal(("Accepted", 31, 1), (Status(import), import.GetProperty("rows").GetInt32(), import.GetProperty("rowErrors").GetInt32()));
        var error = Assert.Single(detail.GetProperty("errors").EnumerateArray().ToList());
        var shortened = string.Concat(plan.AsSpan(0, 60), "…");
        Assert.Equal((32L, "plan", shortened), (error.GetProperty("row").GetInt64(), error.GetProperty("column").GetString(), error.GetProperty("value").GetString()));
        Assert.StartsWith($"'{shortened}' is 600 characters long: a value of plan may be at most 500 characters", error.GetProperty("message").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf16LittleEndianWithoutBom_AcceptedWithCleanColumns()
    {
        await _host.DropAsync("utf16/revenue.csv", new UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes(Rows(3)));

        var import = await FinishedAsync("utf16");
        var detail = await _host.GetJsonAsync($"/api/tenants/utf16/imports/{import.GetProperty("id").GetString()}");

        Assert.Equal(("Accepted", "canonical-revenue-lines", 3), (Status(import), import.GetProperty("format").GetString(), import.GetProperty("rows").GetInt32()));
        Assert.DoesNotContain('\0', detail.GetProperty("formatEvidence").GetString()!);
    }

    [Fact]
    public async Task FolderThatIsNotATenant_NotListedUnderTheDefaultTenant()
    {
        await _host.DropAsync("Acme Corp/revenue.csv", Rows(3));
        await _host.DropAsync("root-revenue.csv", Rows(4));

        var imports = await _host.WaitForImportsAsync("default", rows => rows.Count >= 1 && rows.All(row => Status(row) != "Processing"));
        await Task.Delay(1_000); // several polls: the file in the invalid folder must still not be listed

        imports = await _host.WaitForImportsAsync("default", rows => rows.All(row => Status(row) != "Processing"));
        Assert.Equal([("root-revenue.csv", "Accepted")], imports.Select(row => (row.GetProperty("fileName").GetString(), Status(row))));
    }

    [Fact]
    public async Task NameWithADotDotFolder_RejectedWithAClearReasonNotFailed()
    {
        // The SDK and System.Uri resolve '..' away; a raw request with the path left as written stores the name as it is.
        var sas = _host.Exports.GenerateSasUri(Azure.Storage.Sas.BlobContainerSasPermissions.Write, TimeProvider.System.GetUtcNow().AddHours(1));
        var address = new Uri($"{sas.GetLeftPart(UriPartial.Path)}/dots/x/../revenue.csv{sas.Query}",
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using (var request = new HttpRequestMessage(HttpMethod.Put, address) { Content = new StringContent(Rows(3)) })
        {
            request.Headers.Add("x-ms-blob-type", "BlockBlob");
            using var http = new HttpClient();
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        }

        var names = new List<string>();
        await foreach (var item in _host.Exports.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "dots/", CancellationToken.None))
        {
            names.Add(item.Name);
        }

        var import = await FinishedAsync("dots");

        Assert.Equal(["dots/x/../revenue.csv"], names);
        Assert.Equal(("Rejected", "bad-location"), (Status(import), import.GetProperty("reasonCode").GetString()));
        Assert.Equal("The name 'dots/x/../revenue.csv' has a '.' or '..' folder, which storage addresses cannot reach, so the file cannot be read. " +
            "Upload it again under a name without '.' or '..' folders (for example acme/revenue.csv).", import.GetProperty("reason").GetString());
    }

    private async Task<JsonElement> FinishedAsync(string tenant) =>
        Assert.Single(await _host.WaitForImportsAsync(tenant, rows => rows.Count == 1 && Status(rows[0]) != "Processing", seconds: 120));

    private static string? Status(JsonElement import) => import.GetProperty("status").GetString();

    /// <summary>A canonical revenue-lines file of <paramref name="count"/> monthly lines, one customer each.</summary>
    private static string Rows(int count)
    {
        var csv = new StringBuilder(Header);
        for (var number = 0; number < count; number++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"cus_{number:D5},pro,49.00,EUR,2025-01-01,2025-02-01,month\n");
        }

        return csv.ToString();
    }

    private static byte[] BuildZip(string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var member = archive.CreateEntry(name).Open();
            member.Write(content);
        }

        return buffer.ToArray();
    }
}
