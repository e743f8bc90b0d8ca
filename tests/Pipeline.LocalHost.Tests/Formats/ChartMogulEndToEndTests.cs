using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>The ChartMogul fixture dropped through the local host into Azurite: MRR per month as hand-computed in its README.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ChartMogulEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Tenant = "chartmogul-co";

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Fixture_Accepted_MrrPerMonthAsHandComputed()
    {
        await _host.DropAsync($"{Tenant}/rates.csv", VendorExports.Rates);
        await _host.DropFixtureAsync($"{Tenant}/invoices.csv", "chartmogul", "invoices.csv");

        var formats = await VendorExports.WaitForAcceptedAsync(_host, Tenant, 2);

        Assert.Equal(["canonical-rates", "chartmogul-invoices"], formats);
        Assert.Equal(["442.00", "472.00", "422.00", "380.00", "380.00", "380.00"], await VendorExports.MrrJanuaryToJuneAsync(_host, Tenant));
    }
}
