using System.Net;
using System.Text.Json;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>What <c>./run.sh --demo</c> relies on: the bundled sample is dropped, ingested and served.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DemoTests(AzuriteInstance azurite)
{
    [Fact]
    public async Task SeedDemo_SampleExportsIngested_KpisServedWithTheMovementIdentityOnEveryRow()
    {
        await using var host = await LocalHostInstance.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["LocalHost:SeedDemo"] = "true" });

        var imports = await WaitForAcceptedAsync(host, expected: 3);
        using var close = await host.Http.PostAsync(new Uri("/api/tenants/demo/closes/2025-12", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        using var response = await host.Http.GetAsync(new Uri("/api/tenants/demo/kpis?from=2025-01&to=2026-10", UriKind.Relative));
        using var kpis = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(["canonical-customers", "canonical-revenue-lines", "canonical-survey"], imports.Select(import => import.GetProperty("format").GetString()!).Order(StringComparer.Ordinal).ToArray());
        var rows = kpis.RootElement.EnumerateArray().ToList();
        Assert.Equal(22, rows.Count);
        Assert.Equal(12, rows.Count(row => row.GetProperty("status").GetString() == "closed"));
        // Each published amount is rounded to cents on its own, so the identity holds to within a few cents.
        Assert.All(rows, row => Assert.InRange(
            Money(row, "mrr") - (Money(row, "startMrr") + Money(row, "newMrr") + Money(row, "expansionMrr")
                + Money(row, "reactivationMrr") - Money(row, "contractionMrr") - Money(row, "churnedMrr")),
            -0.03m,
            0.03m));
        Assert.All(Enumerable.Range(1, rows.Count - 1), index => Assert.Equal(Money(rows[index - 1], "mrr"), Money(rows[index], "startMrr")));
        Assert.All(rows.Skip(1), row => Assert.True(Money(row, "mrr") > 0m));
        Assert.Equal(Money(rows[0], "newMrr"), Money(rows[0], "mrr"));

        // The exports reach 2026-11-24 (the last service start): November is measured then, not at a month end whose
        // renewals are not exported yet, and December (wholly after it) awaits data instead of reading as a collapse.
        using var recent = await host.Http.GetAsync(new Uri("/api/tenants/demo/kpis?from=2026-10&to=2026-12", UriKind.Relative));
        using var months = JsonDocument.Parse(await recent.Content.ReadAsStringAsync());
        var (october, november, december) = (months.RootElement[0], months.RootElement[1], months.RootElement[2]);
        Assert.Equal(("provisional", "2026-11-24T00:00:00+00:00"), (november.GetProperty("status").GetString(), november.GetProperty("asOf").GetString()));
        Assert.InRange(Money(november, "mrr"), 0.9m * Money(october, "mrr"), 1.1m * Money(october, "mrr"));
        Assert.Equal(
            ("awaiting-data", "2026-11-24T00:00:00+00:00", JsonValueKind.Null, JsonValueKind.Null),
            (december.GetProperty("status").GetString(), december.GetProperty("asOf").GetString(),
                december.GetProperty("mrr").ValueKind, december.GetProperty("churnedMrr").ValueKind));
    }

    [Fact]
    public async Task SeedDemo_SurveyAnswers_LoyaltyServedForTheClosedQuarters()
    {
        await using var host = await LocalHostInstance.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["LocalHost:SeedDemo"] = "true" });
        await WaitForAcceptedAsync(host, expected: 3);
        using var close = await host.Http.PostAsync(new Uri("/api/tenants/demo/closes/2025-12", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);

        var rows = (await host.GetJsonAsync("/api/tenants/demo/loyalty?from=2025-03&to=2025-04")).EnumerateArray().ToList();

        Assert.Equal(("closed", 17, JsonValueKind.Number), (rows[0].GetProperty("status").GetString(), rows[0].GetProperty("responses").GetInt32(), rows[0].GetProperty("nps").ValueKind));
        Assert.Equal((0, JsonValueKind.Null, 17), (rows[1].GetProperty("responses").GetInt32(), rows[1].GetProperty("nps").ValueKind, rows[1].GetProperty("responses12").GetInt32()));
        Assert.Equal(JsonValueKind.Number, rows[0].GetProperty("promoterChurn3").ValueKind);
    }

    private static decimal Money(JsonElement row, string name) => row.GetProperty(name).GetDecimal();

    private static async Task<List<JsonElement>> WaitForAcceptedAsync(LocalHostInstance host, int expected) =>
        (await host.WaitForImportsAsync("demo", rows => rows.Count(IsAccepted) == expected, seconds: 60)).Where(IsAccepted).ToList();

    private static bool IsAccepted(JsonElement import) => import.GetProperty("status").GetString() == "Accepted";
}
