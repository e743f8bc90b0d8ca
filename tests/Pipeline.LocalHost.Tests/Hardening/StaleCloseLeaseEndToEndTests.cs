using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Closes;
using Pipeline.Application.Tests;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>Hardening item 12: a dead closer's lease says who holds it since when, and ops break it with a reason that is audited.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StaleCloseLeaseEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Dead = "schedule on web01 (Pipeline.LocalHost, pid 4242), run 1a2b3c4d";

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task DeadClosersLease_CloseAnswers409NamingIt_BreakWithAReasonIsAuditedAndTheCloseRuns()
    {
        await _host.DropAsync("acme/revenue.csv", SampleExports.RevenueLines);
        await _host.WaitForImportsAsync("acme", rows => rows.Count == 1 && rows[0].GetProperty("status").GetString() == "Accepted");
        using (var first = await _host.PostAsync("/api/tenants/acme/closes/2025-03", user: "alice"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var since = TimeProvider.System.GetUtcNow();
        var log = _host.Services.GetRequiredService<ICloseLog>();
        Assert.NotNull(await log.TryAcquireLeaseAsync(TenantId.Parse("acme"), Dead, since, MonthCloseService.LeaseDuration, CancellationToken.None));

        using var busy = await _host.PostAsync("/api/tenants/acme/closes/2025-06", user: "alice");
        var busyDetail = LocalHostInstance.Parse(await busy.Content.ReadAsStringAsync()).GetProperty("detail").GetString();
        using var noReason = await DeleteAsync("/api/tenants/acme/closes/lease");
        using var nulReason = await DeleteAsync("/api/tenants/acme/closes/lease?reason=%00%00");
        using var broken = await DeleteAsync("/api/tenants/acme/closes/lease?reason=closer%20killed%20by%20the%20deploy");
        var answer = LocalHostInstance.Parse(await broken.Content.ReadAsStringAsync());
        using var nothingHeld = await DeleteAsync("/api/tenants/acme/closes/lease?reason=again");
        using var closed = await _host.PostAsync("/api/tenants/acme/closes/2025-06", user: "alice");

        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Contains($"its lease is held by {Dead} since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, until ", busyDetail, StringComparison.Ordinal);
        Assert.Contains("DELETE /api/tenants/acme/closes/lease?reason=", busyDetail, StringComparison.Ordinal);
        Assert.Equal(
            (HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK),
            (noReason.StatusCode, nulReason.StatusCode, broken.StatusCode, nothingHeld.StatusCode, closed.StatusCode));
        Assert.Equal(
            (Dead, "closer killed by the deploy", "bob", "2025-04"),
            (answer.GetProperty("heldBy").GetString(), answer.GetProperty("reason").GetString(), answer.GetProperty("brokenBy").GetString(),
                answer.GetProperty("auditMonth").GetString()));
        var april = await _host.GetJsonAsync("/api/tenants/acme/closes/2025-04");
        var audit = april.GetProperty("audit").EnumerateArray().Select(entry => (entry.GetProperty("kind").GetString(), entry.GetProperty("by").GetString())).ToList();
        Assert.Equal([("lease-broken", "bob"), ("closed", "alice")], audit);
    }

    private async Task<HttpResponseMessage> DeleteAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(path, UriKind.Relative));
        request.Headers.Add(Pipeline.Api.Closes.CloseEndpoints.ClosedByHeader, "bob");
        return await _host.Http.SendAsync(request);
    }
}
