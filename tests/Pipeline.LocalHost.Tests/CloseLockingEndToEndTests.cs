using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;
using Pipeline.Application.Tests;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>
/// Two hosts on the same Azurite storage (two scaled-out instances) closing the same tenants at once, and the
/// reopen and close-state endpoints over HTTP.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CloseLockingEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const int Rounds = 20;
    private static readonly BillingMonth June = new(2025, 6);
    private LocalHostInstance _first = null!;
    private LocalHostInstance _second = null!;

    public async Task InitializeAsync()
    {
        _first = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        _second = await LocalHostInstance.StartBesideAsync(azurite.ConnectionString, _first);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task CloseThroughAsync_TwoInstancesAtOnce_OneVersionPerMonthAndNoException()
    {
        var tenants = await IngestTenantsAsync("round", Rounds);

        for (var round = 0; round < Rounds; round++)
        {
            var tenant = tenants[round];
            var outcomes = await Task.WhenAll(
                Task.Run(() => CloseAsync(_first, tenant)),
                Task.Run(() => CloseAsync(_second, tenant)));

            Assert.All(outcomes, outcome => Assert.Contains(outcome.Kind, new[] { CloseOutcomeKind.Closed, CloseOutcomeKind.Busy }));
            Assert.Contains(outcomes, outcome => outcome.Kind == CloseOutcomeKind.Closed);
            Assert.Equal(6, outcomes.Sum(outcome => outcome.ClosedNow.Count));
            await AssertOneVersionPerMonthAsync(tenant);
        }
    }

    [Fact]
    public async Task PostClose_TwoAtOnceOnTwoInstances_200And200Or409NeverAServerError()
    {
        var tenants = await IngestTenantsAsync("http", 8);

        foreach (var tenant in tenants)
        {
            var path = new Uri($"/api/tenants/{tenant}/closes/2025-06", UriKind.Relative);
            var responses = await Task.WhenAll(_first.Http.PostAsync(path, null), _second.Http.PostAsync(path, null));
            var statuses = responses.Select(response => response.StatusCode).Order().ToArray();
            foreach (var response in responses)
            {
                response.Dispose();
            }

            Assert.True(
                statuses.SequenceEqual([HttpStatusCode.OK, HttpStatusCode.OK]) || statuses.SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]),
                $"{tenant}: {string.Join(", ", statuses)}");
            await AssertOneVersionPerMonthAsync(tenant);
        }
    }

    [Fact]
    public async Task Reopen_WithReasonOverHttp_StateShowsReopenedThenVersion2AndVersion1StaysReadable()
    {
        var tenant = (await IngestTenantsAsync("reopen", 1))[0].Value;
        using (var close = await _first.Http.PostAsync(new Uri($"/api/tenants/{tenant}/closes/2025-06", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        using (var noReason = await PostReopenAsync(tenant, "2025-05", """{"reason": "  "}"""))
        using (var noBody = await PostReopenAsync(tenant, "2025-05", ""))
        using (var nulReason = await PostReopenAsync(tenant, "2025-05", """{"reason": "\u0000\u0000\u0000"}"""))
        using (var hiddenText = await PostReopenAsync(tenant, "2025-05", """{"reason": "credit\u0000note"}"""))
        using (var notClosed = await PostReopenAsync(tenant, "2025-07", """{"reason": "x"}"""))
        using (var unknown = await PostReopenAsync("nobody", "2025-05", """{"reason": "x"}"""))
        {
            // Hardening item 12: a reason of NUL characters counted as a reason.
            Assert.Equal(
                [HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Conflict, HttpStatusCode.NotFound],
                new[] { noReason.StatusCode, noBody.StatusCode, nulReason.StatusCode, hiddenText.StatusCode, notClosed.StatusCode, unknown.StatusCode });
            Assert.Contains("letters or digits", await nulReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains("control characters", await hiddenText.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var reopen = await PostReopenAsync(tenant, "2025-05", """{"reason": "May credit note was missing"}""");
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        var reopened = LocalHostInstance.Parse(await reopen.Content.ReadAsStringAsync());
        Assert.Equal(["2025-05", "2025-06"], reopened.GetProperty("reopened").EnumerateArray().Select(month => month.GetString()!));
        Assert.Equal("controller@acme", reopened.GetProperty("reopenedBy").GetString());

        var may = await _first.GetJsonAsync($"/api/tenants/{tenant}/closes/2025-05");
        Assert.Equal(("Reopened", 2), (may.GetProperty("status").GetString(), may.GetProperty("version").GetInt32()));
        var audit = may.GetProperty("audit").EnumerateArray().ToList();
        Assert.Equal(["closed", "reopened"], audit.Select(entry => entry.GetProperty("kind").GetString()!));
        Assert.Equal(("May credit note was missing", "controller@acme"), (audit[1].GetProperty("reason").GetString(), audit[1].GetProperty("by").GetString()));
        var provisional = await _first.GetJsonAsync($"/api/tenants/{tenant}/kpis/2025-05");
        Assert.Equal(("provisional", 2), (provisional.GetProperty("status").GetString(), provisional.GetProperty("version").GetInt32()));

        using (var reclose = await _second.Http.PostAsync(new Uri($"/api/tenants/{tenant}/closes/2025-06", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, reclose.StatusCode);
        }

        var state = await _first.GetJsonAsync($"/api/tenants/{tenant}/closes/2025-05");
        Assert.Equal(("Closed", 2), (state.GetProperty("status").GetString(), state.GetProperty("version").GetInt32()));
        Assert.Equal(180m, state.GetProperty("mrr").GetDecimal());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("pendingRestatementDelta").ValueKind);
        Assert.Equal([(1, "Reopened"), (2, "Closed")],
            state.GetProperty("versions").EnumerateArray().Select(version => (version.GetProperty("version").GetInt32(), version.GetProperty("status").GetString()!)));
        var version1 = await _first.GetJsonAsync($"/api/tenants/{tenant}/kpis/2025-05?version=1");
        Assert.Equal(("closed", 1, 180m), (version1.GetProperty("status").GetString(), version1.GetProperty("version").GetInt32(), version1.GetProperty("mrr").GetDecimal()));
        var versions = (await _first.GetJsonAsync($"/api/tenants/{tenant}/kpis/2025-05/versions")).EnumerateArray().ToList();
        Assert.Equal([1, 2], versions.Select(row => row.GetProperty("version").GetInt32()));

        foreach (var (path, expected) in new[]
        {
            ($"/api/tenants/{tenant}/kpis/2025-05?version=0", HttpStatusCode.BadRequest),
            ($"/api/tenants/{tenant}/kpis/2025-05?version=two", HttpStatusCode.BadRequest),
            ($"/api/tenants/{tenant}/kpis/2025-05?version=3", HttpStatusCode.NotFound),
            ($"/api/tenants/{tenant}/kpis/2025-08/versions", HttpStatusCode.NotFound),
            ($"/api/tenants/{tenant}/closes/2031-01", HttpStatusCode.NotFound),
            ($"/api/tenants/{tenant}/closes/2025-13", HttpStatusCode.BadRequest),
            ("/api/tenants/nobody/closes/2025-05", HttpStatusCode.NotFound),
        })
        {
            using var response = await _first.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(expected == response.StatusCode, $"{path}: {response.StatusCode}");
        }

        var open = await _first.GetJsonAsync($"/api/tenants/{tenant}/closes/2025-08");
        Assert.Equal(("Open", 1), (open.GetProperty("status").GetString(), open.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task LateFileForClosedJanuary_FebruaryMovementFlaggedLateAndJanuaryShowsPendingDelta()
    {
        await _first.DropAsync("late/january.csv",
            """
            line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end
            s1,S,in_s1,sub_s,100.00,EUR,month,2025-01-01,2025-02-01
            s2,S,in_s2,sub_s,100.00,EUR,month,2025-02-01,2025-03-01

            """);
        await _first.WaitForImportsAsync("late", imports => imports.Any(import => import.GetProperty("status").GetString() == "Accepted"));
        using (var close = await _first.Http.PostAsync(new Uri("/api/tenants/late/closes/2025-01", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        await _first.DropAsync("late/r.csv",
            """
            line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end
            r1,R,in_r1,sub_r,70.00,EUR,month,2025-01-10,2025-02-10
            r2,R,in_r2,sub_r,70.00,EUR,month,2025-02-10,2025-03-10

            """);
        await _first.WaitForImportsAsync("late", imports => imports.Count(import => import.GetProperty("status").GetString() == "Accepted") == 2);

        var movements = (await _first.GetJsonAsync("/api/tenants/late/movements/2025-02")).EnumerateArray().ToList();
        var r = Assert.Single(movements);
        Assert.Equal(("R", "new", 70m, true, "2025-01-10"), (
            r.GetProperty("customerId").GetString(), r.GetProperty("movement").GetString(), r.GetProperty("amount").GetDecimal(),
            r.GetProperty("late").GetBoolean(), r.GetProperty("effectiveDate").GetString()));
        var january = await _first.GetJsonAsync("/api/tenants/late/closes/2025-01");
        Assert.Equal(("Closed", 1, 100m, 70m), (
            january.GetProperty("status").GetString(), january.GetProperty("version").GetInt32(), january.GetProperty("mrr").GetDecimal(),
            january.GetProperty("pendingRestatementDelta").GetDecimal()));

        using (var close = await _second.Http.PostAsync(new Uri("/api/tenants/late/closes/2025-02", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        var audit = (await _first.GetJsonAsync("/api/tenants/late/closes/2025-01")).GetProperty("audit").EnumerateArray().ToList();
        Assert.Equal([("closed", JsonValueKind.Null), ("restatement", JsonValueKind.Number)],
            audit.Select(entry => (entry.GetProperty("kind").GetString()!, entry.GetProperty("mrrDelta").ValueKind)));
        Assert.Equal(70m, audit[1].GetProperty("mrrDelta").GetDecimal());
    }

    private Task<HttpResponseMessage> PostReopenAsync(string tenant, string month, string body) =>
        _first.PostAsync($"/api/tenants/{tenant}/closes/{month}/reopen", body, "controller@acme");

    private static Task<CloseOutcome> CloseAsync(LocalHostInstance host, TenantId tenant) =>
        host.Services.GetRequiredService<MonthCloseService>().CloseThroughAsync(tenant, June, "instance", CancellationToken.None);

    private async Task AssertOneVersionPerMonthAsync(TenantId tenant)
    {
        var closes = _first.Services.GetRequiredService<ICloseLog>();
        var snapshots = _first.Services.GetRequiredService<IKpiSnapshotStore>();
        foreach (var month in Enumerable.Range(1, 6).Select(number => new BillingMonth(2025, number)))
        {
            var version = Assert.Single(await closes.ListVersionsAsync(tenant, month, CancellationToken.None));
            Assert.Equal((1, CloseStatus.Closed), (version.Version, version.Status));
            var row = Assert.Single(await snapshots.ListVersionsAsync(tenant, month, CancellationToken.None));
            Assert.Equal((KpiStatus.Closed, SampleExports.MrrJanuaryToAugust[month.Month - 1]), (row.Status, row.Kpis.Mrr));
        }
    }

    /// <summary>Drops the sample export for <paramref name="count"/> fresh tenants and waits until every one is accepted.</summary>
    private async Task<List<TenantId>> IngestTenantsAsync(string prefix, int count)
    {
        var tenants = Enumerable.Range(0, count).Select(index => TenantId.Parse($"{prefix}{index}")).ToList();
        foreach (var tenant in tenants)
        {
            await _first.DropAsync($"{tenant}/revenue.csv", SampleExports.RevenueLines);
        }

        foreach (var tenant in tenants)
        {
            await _first.WaitForImportsAsync(tenant.Value, imports => imports.Any(import => import.GetProperty("status").GetString() == "Accepted"), seconds: 120);
        }

        return tenants;
    }
}
