using System.Net;
using System.Text;
using System.Text.Json;
using Pipeline.Api.Access;
using Pipeline.Application.Tests;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>
/// Hardening item 10 through the local host on Azurite: a BI tool's read key reads its tenant and nothing else and
/// never closes; an operator signed in with Entra ID (App Service Authentication's header, as the platform sets it)
/// closes and reopens, and the close record and audit trail name that principal, whatever <c>X-Pipeline-User</c> says.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LeastPrivilegeEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Operator = "alice@contoso.example";
    private readonly string _acmeKey = ReadKey.Create();
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Pipeline:Auth:Mode"] = "EasyAuth",
            ["Pipeline:Auth:ReadKeys:acme:powerbi_finance"] = ReadKey.Hash(_acmeKey),
            ["WEBSITE_AUTH_ENABLED"] = "True", // what App Service sets when its authentication is on
        });
        await _host.DropAsync("acme/revenue.csv", SampleExports.RevenueLines);
        await _host.DropAsync("beta/revenue.csv", SampleExports.RevenueLines);
        await WaitForAcceptedAsync("acme");
        await WaitForAcceptedAsync("beta");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AcmeReadKey_ReadsAcme_InTheQueryAsPowerBiSendsItOrTheHeader_403OnBetaAndOnClose()
    {
        using var query = await SendAsync(HttpMethod.Get, $"/api/tenants/acme/kpis?format=csv&key={_acmeKey}");
        using var header = await SendAsync(HttpMethod.Get, "/api/tenants/acme/kpis/2025-03", ("X-Pipeline-Key", _acmeKey));
        using var beta = await SendAsync(HttpMethod.Get, $"/api/tenants/beta/kpis?key={_acmeKey}");
        using var unknown = await SendAsync(HttpMethod.Get, $"/api/tenants/gamma/kpis?key={_acmeKey}");
        using var close = await SendAsync(HttpMethod.Post, $"/api/tenants/acme/closes/2025-06?key={_acmeKey}");

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.StartsWith("month,", await query.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("230.00", (await JsonAsync(header)).GetProperty("mrr").GetRawText());
        Assert.Equal("This read key does not grant tenant 'beta'.", await ProblemAsync(beta, HttpStatusCode.Forbidden));
        Assert.Equal("This read key does not grant tenant 'gamma'.", await ProblemAsync(unknown, HttpStatusCode.Forbidden));
        Assert.StartsWith("A read key only reads", await ProblemAsync(close, HttpStatusCode.Forbidden), StringComparison.Ordinal);
        Assert.Equal("Open", (await StateAsync("acme", "2025-06")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task NoKeyOrSignIn_Is401_AndAWrongKeyToo()
    {
        using var anonymous = await SendAsync(HttpMethod.Get, "/api/tenants/acme/kpis");
        using var wrong = await SendAsync(HttpMethod.Get, "/api/tenants/acme/kpis", ("X-Pipeline-Key", ReadKey.Create()));
        using var health = await SendAsync(HttpMethod.Get, "/api/health");

        Assert.Contains("read key", await ProblemAsync(anonymous, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
        Assert.StartsWith("The read key is not valid", await ProblemAsync(wrong, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Operator_ClosesAndReopens_RecordAndAuditNameThePrincipal_NotTheHeader()
    {
        var alice = EasyAuthPrincipals.User(Operator, ApiRoles.Operator);

        using var close = await SendAsync(HttpMethod.Post, "/api/tenants/acme/closes/2025-06", ("X-MS-CLIENT-PRINCIPAL", alice), ("X-Pipeline-User", "mallory"));
        using var reopen = await SendAsync(
            HttpMethod.Post, "/api/tenants/acme/closes/2025-06/reopen", """{"reason": "late credit note"}""", ("X-MS-CLIENT-PRINCIPAL", alice), ("X-Pipeline-User", "mallory"));

        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        Assert.Equal(Operator, (await JsonAsync(reopen)).GetProperty("reopenedBy").GetString());
        var state = await StateAsync("acme", "2025-06");
        Assert.Equal(Operator, state.GetProperty("versions")[0].GetProperty("closedBy").GetString());
        Assert.Equal(
            [("closed", Operator), ("reopened", Operator)],
            state.GetProperty("audit").EnumerateArray().Select(entry => (entry.GetProperty("kind").GetString(), entry.GetProperty("by").GetString())));
        Assert.DoesNotContain("mallory", state.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReaderOfAcme_ReadsAcme_ButMayNotCloseIt_NorReadBeta()
    {
        var reader = ("X-MS-CLIENT-PRINCIPAL", EasyAuthPrincipals.User("bob@contoso.example", ApiRoles.Reader + ".acme"));

        using var read = await SendAsync(HttpMethod.Get, "/api/tenants/acme/closes", reader);
        using var close = await SendAsync(HttpMethod.Post, "/api/tenants/acme/closes/2025-06", reader);
        using var beta = await SendAsync(HttpMethod.Get, "/api/tenants/beta/imports", reader);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(
            "bob@contoso.example may not close or reopen months of tenant 'acme': that needs the app role Pipeline.Operator or Pipeline.Operator.acme.",
            await ProblemAsync(close, HttpStatusCode.Forbidden));
        Assert.StartsWith("bob@contoso.example may not read tenant 'beta'", await ProblemAsync(beta, HttpStatusCode.Forbidden), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] headers) =>
        SendAsync(method, path, json: null, headers);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await _host.Http.SendAsync(request);
    }

    private async Task<JsonElement> StateAsync(string tenant, string month)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/tenants/{tenant}/closes/{month}", ("X-Pipeline-Key", _acmeKey));
        return await JsonAsync(response);
    }

    private async Task WaitForAcceptedAsync(string tenant)
    {
        var reader = EasyAuthPrincipals.User("ops@contoso.example", ApiRoles.Reader);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Get, $"/api/tenants/{tenant}/imports", ("X-MS-CLIENT-PRINCIPAL", reader));
            if (response.IsSuccessStatusCode
                && LocalHostInstance.Parse(await response.Content.ReadAsStringAsync()).EnumerateArray().Any(row => row.GetProperty("status").GetString() == "Accepted"))
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"The export of {tenant} was not accepted within 30 seconds.");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return LocalHostInstance.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal((status, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        return LocalHostInstance.Parse(await response.Content.ReadAsStringAsync()).GetProperty("detail").GetString()!;
    }
}
