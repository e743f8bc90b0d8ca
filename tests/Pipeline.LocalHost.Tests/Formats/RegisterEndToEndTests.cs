using System.Net;
using System.Text.Json;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>
/// A Dutch invoice register (Windows-1252, <c>;</c>, <c>€ 59,29</c>) dropped before its mapping profile: parked as
/// needs-mapping, accepted once the profile arrives, and served as the hand-computed MRR of the fixture README.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RegisterEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Rates = "date,base,quote,rate\n2025-01-31,USD,EUR,0.80\n2025-02-28,USD,EUR,0.80\n2025-03-31,USD,EUR,0.80\n2025-04-30,USD,EUR,0.80\n";

    private LocalHostInstance _host = null!;
    private List<JsonElement> _parked = null!;
    private List<JsonElement> _imports = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        await _host.DropAsync("acme/rates.csv", Rates);
        await _host.DropFixtureAsync("acme/register.csv", "register", "register-windows-1252.csv");
        _parked = await _host.WaitForImportsAsync("acme", Settled(2));
        await _host.DropFixtureAsync("acme/_profiles/register.json", "register", "register.json");
        _imports = await _host.WaitForImportsAsync("acme", rows => Settled(3)(rows) && rows.All(row => Status(row) == "Accepted"));
        using var close = await _host.Http.PostAsync(new Uri("/api/tenants/acme/closes/2025-04", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Imports_RegisterParkedAsNeedsMappingThenAcceptedThroughTheProfile()
    {
        var parked = _parked.Single(row => row.GetProperty("fileName").GetString() == "register.csv");
        Assert.Equal(("Rejected", "needs-mapping"), (Status(parked), parked.GetProperty("reasonCode").GetString()));

        var register = _imports.Single(row => row.GetProperty("fileName").GetString() == "register.csv");
        var profile = _imports.Single(row => row.GetProperty("fileName").GetString() == "_profiles/register.json");
        Assert.Equal(("profile:register", 16, 0), (register.GetProperty("format").GetString(), register.GetProperty("rows").GetInt32(), register.GetProperty("rowErrors").GetInt32()));
        Assert.Equal("mapping-profile", profile.GetProperty("format").GetString());
    }

    [Fact]
    public async Task Kpis_HandComputedMrrPerMonth()
    {
        var rows = (await _host.GetJsonAsync("/api/tenants/acme/kpis?from=2025-01&to=2025-04")).EnumerateArray().ToList();

        Assert.Equal(["287.00", "335.00", "385.00", "309.00"], rows.Select(row => Raw(row, "mrr")).ToArray());
        Assert.Equal(["EUR:191.00;USD:120.00", "EUR:239.00;USD:120.00", "EUR:289.00;USD:120.00"], rows.Take(3).Select(row => row.GetProperty("nativeMrr").GetString()!).ToArray());
        Assert.Equal([4, 4, 4, 4], rows.Select(row => row.GetProperty("customers").GetInt32()).ToArray());
        Assert.Equal(("100.00", "52.00"), (Raw(rows[1], "newMrr"), Raw(rows[1], "churnedMrr")));
        Assert.Equal("50.00", Raw(rows[2], "expansionMrr"));
        Assert.Equal(("20.00", "96.00"), (Raw(rows[3], "newMrr"), Raw(rows[3], "churnedMrr")));
    }

    private static Func<List<JsonElement>, bool> Settled(int count) =>
        rows => rows.Count == count && rows.All(row => Status(row) != "Processing");

    private static string? Status(JsonElement row) => row.GetProperty("status").GetString();

    private static string Raw(JsonElement row, string name) => row.GetProperty(name).GetRawText();
}
