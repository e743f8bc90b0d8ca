using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>
/// Each vendor fixture (<c>tests/Fixtures/exports/{vendor}</c>) dropped through the local host into Azurite with the
/// rates it assumes: accepted with its format, and served as the MRR per month hand-computed in its README.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class VendorFixtureEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private LocalHostInstance _host = null!;

    /// <summary>Vendor folder, file dropped (<c>zip</c>: the folder's <c>zip/</c> files as one export zip), format, MRR January–June 2025.</summary>
    public static TheoryData<string, string, string, string[]> Fixtures => new()
    {
        { "baremetrics", "subscriptions.csv", "baremetrics", ["222.00", "342.00", "402.00", "320.00", "350.00", "350.00"] },
        { "chartmogul", "invoices.csv", "chartmogul-invoices", ["442.00", "472.00", "422.00", "380.00", "380.00", "380.00"] },
        { "paddle", "transaction-line-items.csv", "paddle-transaction-lines", ["367.00", "447.00", "397.00", "355.00", "355.00", "355.00"] },
        { "chargebee", "zip", "chargebee-subscriptions", ["308.30", "408.30", "518.30", "426.70", "386.70", "371.70"] },
    };

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_Accepted_MrrPerMonthAsHandComputed(string vendor, string file, string format, string[] mrr)
    {
        var tenant = string.Concat(vendor, "-co");
        await _host.DropAsync($"{tenant}/rates.csv", VendorExports.Rates);
        if (file == "zip")
        {
            await _host.DropAsync($"{tenant}/{vendor}-export.zip", VendorExports.ZipFixtureFolder(vendor, "zip"));
        }
        else
        {
            await _host.DropFixtureAsync($"{tenant}/{file}", vendor, file);
        }

        var formats = await VendorExports.WaitForAcceptedAsync(_host, tenant, 2);

        Assert.Equal(new[] { "canonical-rates", format }.Order(StringComparer.Ordinal), formats);
        Assert.Equal(mrr, await VendorExports.MrrJanuaryToJuneAsync(_host, tenant));
    }
}
