using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>The Paddle fixture dropped through the local host into Azurite: MRR per month as hand-computed in its README.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PaddleEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Tenant = "paddle-co";

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Fixture_Accepted_MrrPerMonthAsHandComputed()
    {
        await _host.DropAsync($"{Tenant}/rates.csv", VendorExports.Rates);
        await _host.DropFixtureAsync($"{Tenant}/transaction-line-items.csv", "paddle", "transaction-line-items.csv");

        var formats = await VendorExports.WaitForAcceptedAsync(_host, Tenant, 2);

        Assert.Equal(["canonical-rates", "paddle-transaction-lines"], formats);
        Assert.Equal(["367.00", "447.00", "397.00", "355.00", "355.00", "355.00"], await VendorExports.MrrJanuaryToJuneAsync(_host, Tenant));
    }
}
