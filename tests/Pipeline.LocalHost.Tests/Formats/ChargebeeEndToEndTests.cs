using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>A Chargebee export zip dropped through the local host into Azurite: MRR per month as hand-computed in the fixture README.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ChargebeeEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Tenant = "chargebee-co";

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ExportZip_Accepted_MrrPerMonthAsHandComputed()
    {
        await _host.DropAsync($"{Tenant}/rates.csv", VendorExports.Rates);
        await _host.DropAsync($"{Tenant}/chargebee-export.zip", VendorExports.ZipFixtureFolder("chargebee", "zip"));

        var formats = await VendorExports.WaitForAcceptedAsync(_host, Tenant, 2);

        Assert.Equal(["canonical-rates", "chargebee-subscriptions"], formats);
        Assert.Equal(["308.30", "408.30", "518.30", "426.70", "386.70", "371.70"], await VendorExports.MrrJanuaryToJuneAsync(_host, Tenant));
    }
}
