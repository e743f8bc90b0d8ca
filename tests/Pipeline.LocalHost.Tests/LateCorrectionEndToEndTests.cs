using System.Net;
using System.Text.Json;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>METRICS.md Ex15's late void, end to end: canonical files dropped into Azurite, months closed and reopened over HTTP.</summary>
/// <remarks>
/// <para>
/// The January file: S 100 (line s1, Jan 1–Feb 1) and C 50 in January and February (c1, c2). January is closed at 150.
/// A later file sends S's January line again with status void (same <c>line_id</c> s1, METRICS.md §1 Corrections) and
/// brings R's lines (Jan 10–Feb 10 and Feb 10–Mar 10 at 70).
/// </para>
/// <para>
/// By hand: January restated = C 50 + R 70 = 120, a pending delta of 120 − 150 = −30. The February close against the
/// locked January: start 150, R New 70 late (effective Jan 10), S Churn 100 late (effective Jan 1, a void), end
/// 150 + 70 − 100 = 120; January stays 150 (version 1) and its audit trail gets the restatement −30. Reopening
/// January with a reason and closing it again: January version 2 = 120 (C New 50, R New 70), version 1 still 150.
/// </para>
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class LateCorrectionEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Tenant = "ex15";
    private const string Controller = "controller@acme";
    private const string Reason = "S's January invoice was voided after the close";

    private const string JanuaryFile =
        """
        line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end,status
        s1,S,in_s1,sub_s,100.00,EUR,month,2025-01-01,2025-02-01,paid
        c1,C,in_c1,sub_c,50.00,EUR,month,2025-01-01,2025-02-01,paid
        c2,C,in_c2,sub_c,50.00,EUR,month,2025-02-01,2025-03-01,paid

        """;

    private const string LateFile =
        """
        line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end,status
        s1,S,in_s1,sub_s,100.00,EUR,month,2025-01-01,2025-02-01,void
        r1,R,in_r1,sub_r,70.00,EUR,month,2025-01-10,2025-02-10,paid
        r2,R,in_r2,sub_r,70.00,EUR,month,2025-02-10,2025-03-10,paid

        """;

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task VoidSentAgainAfterJanuaryClosed_LateInFebruaryRestatementAuditedAndJanuaryVersion2AfterReopen()
    {
        await _host.DropAsync($"{Tenant}/january.csv", JanuaryFile);
        await WaitForAcceptedAsync(1);
        await CloseAsync("2025-01");
        Assert.Equal(("Closed", 1, 150m), await CloseStateAsync("2025-01"));

        await _host.DropAsync($"{Tenant}/late.csv", LateFile);
        await WaitForAcceptedAsync(2);
        var pending = await _host.GetJsonAsync($"/api/tenants/{Tenant}/closes/2025-01");
        Assert.Equal(-30m, pending.GetProperty("pendingRestatementDelta").GetDecimal());

        await CloseAsync("2025-02");

        var february = await _host.GetJsonAsync($"/api/tenants/{Tenant}/kpis/2025-02");
        Assert.Equal(("closed", 1, 150m, 70m, 100m, 120m), (
            february.GetProperty("status").GetString(), february.GetProperty("version").GetInt32(), february.GetProperty("startMrr").GetDecimal(),
            february.GetProperty("newMrr").GetDecimal(), february.GetProperty("churnedMrr").GetDecimal(), february.GetProperty("mrr").GetDecimal()));
        Assert.Equal([("R", "new", 70m, true, "2025-01-10"), ("S", "churn", 100m, true, "2025-01-01")], await MovementsAsync("2025-02"));
        var january = await _host.GetJsonAsync($"/api/tenants/{Tenant}/closes/2025-01");
        Assert.Equal(("Closed", 1, 150m), (january.GetProperty("status").GetString(), january.GetProperty("version").GetInt32(), january.GetProperty("mrr").GetDecimal()));
        Assert.Equal([("closed", null), ("restatement", -30m)], Audit(january).Select(entry => (entry.Kind, entry.MrrDelta)));

        using (var reopen = await _host.PostAsync($"/api/tenants/{Tenant}/closes/2025-01/reopen", JsonSerializer.Serialize(new { reason = Reason }), Controller))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        await CloseAsync("2025-01");

        var reclosed = await _host.GetJsonAsync($"/api/tenants/{Tenant}/closes/2025-01");
        Assert.Equal(("Closed", 2, 120m), (reclosed.GetProperty("status").GetString(), reclosed.GetProperty("version").GetInt32(), reclosed.GetProperty("mrr").GetDecimal()));
        Assert.Equal(
            [("closed", null, null), ("restatement", null, -30m), ("reopened", Reason, null), ("closed", null, null)],
            Audit(reclosed).Select(entry => (entry.Kind, entry.Kind == "reopened" ? entry.Reason : null, entry.MrrDelta)));
        var version2 = await _host.GetJsonAsync($"/api/tenants/{Tenant}/kpis/2025-01");
        Assert.Equal(("closed", 2, 120m, 120m), (
            version2.GetProperty("status").GetString(), version2.GetProperty("version").GetInt32(), version2.GetProperty("mrr").GetDecimal(),
            version2.GetProperty("newMrr").GetDecimal()));
        var version1 = await _host.GetJsonAsync($"/api/tenants/{Tenant}/kpis/2025-01?version=1");
        Assert.Equal((1, 150m), (version1.GetProperty("version").GetInt32(), version1.GetProperty("mrr").GetDecimal()));
        var versions = (await _host.GetJsonAsync($"/api/tenants/{Tenant}/kpis/2025-01/versions")).EnumerateArray();
        Assert.Equal([(1, 150m), (2, 120m)], versions.Select(row => (row.GetProperty("version").GetInt32(), row.GetProperty("mrr").GetDecimal())));
        Assert.Equal([("C", "new", 50m, false, null), ("R", "new", 70m, false, null)], await MovementsAsync("2025-01"));
    }

    private Task<List<JsonElement>> WaitForAcceptedAsync(int count) =>
        _host.WaitForImportsAsync(Tenant, imports => imports.Count(import => import.GetProperty("status").GetString() == "Accepted") == count);

    private async Task CloseAsync(string month)
    {
        using var close = await _host.PostAsync($"/api/tenants/{Tenant}/closes/{month}", user: Controller);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    private async Task<(string?, int, decimal)> CloseStateAsync(string month)
    {
        var state = await _host.GetJsonAsync($"/api/tenants/{Tenant}/closes/{month}");
        return (state.GetProperty("status").GetString(), state.GetProperty("version").GetInt32(), state.GetProperty("mrr").GetDecimal());
    }

    private async Task<(string?, string?, decimal, bool, string?)[]> MovementsAsync(string month) =>
        (await _host.GetJsonAsync($"/api/tenants/{Tenant}/movements/{month}")).EnumerateArray()
            .Select(row => (row.GetProperty("customerId").GetString(), row.GetProperty("movement").GetString(), row.GetProperty("amount").GetDecimal(),
                row.GetProperty("late").GetBoolean(), row.GetProperty("effectiveDate").GetString()))
            .OrderBy(row => row.Item1, StringComparer.Ordinal)
            .ToArray();

    private static List<(string? Kind, string? Reason, decimal? MrrDelta)> Audit(JsonElement state) =>
        [.. state.GetProperty("audit").EnumerateArray().Select(entry => (
            entry.GetProperty("kind").GetString(),
            entry.GetProperty("reason").GetString(),
            entry.GetProperty("mrrDelta").ValueKind == JsonValueKind.Null ? (decimal?)null : entry.GetProperty("mrrDelta").GetDecimal()))];
}
