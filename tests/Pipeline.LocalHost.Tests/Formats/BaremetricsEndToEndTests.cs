using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>The Baremetrics fixture dropped through the local host into Azurite: MRR per month as hand-computed in its README.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BaremetricsEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Tenant = "baremetrics-co";

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Fixture_Accepted_MrrPerMonthAsHandComputed()
    {
        await _host.DropAsync($"{Tenant}/rates.csv", VendorExports.Rates);
        await _host.DropFixtureAsync($"{Tenant}/subscriptions.csv", "baremetrics", "subscriptions.csv");

        var formats = await VendorExports.WaitForAcceptedAsync(_host, Tenant, 2);

        Assert.Equal(["baremetrics", "canonical-rates"], formats);
        Assert.Equal(["222.00", "342.00", "402.00", "320.00", "350.00", "350.00"], await VendorExports.MrrJanuaryToJuneAsync(_host, Tenant));
    }
}
