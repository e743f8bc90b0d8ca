using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary><c>GET …/loyalty</c> through the local host on Azurite (issue 13): revenue lines and a survey file dropped as exports, months closed.</summary>
/// <remarks>
/// <para>
/// Revenue (monthly lines, UTC): A (plan pro) 300 from January to June 2025, B (basic) 100 in January and February only,
/// C (basic) 100 from January to June; D has no revenue. January answers: A 3 then 10 (the later wins), B 2, C 8, D 9.
/// </para>
/// <para>
/// By hand, January: 4 responses, promoters A and D, passive C, detractor B: NPS (2 − 1) ÷ 4 × 100 = 25; revenue-weighted
/// (300 − 100) ÷ (300 + 100 + 100) × 100 = 40 (D has no MRR); same solution 3 of 4, same provider 2 of 4, loyal 2 of 4; no
/// captive customers (tenures under 24 months). With February to April closed, churn within 3 months: the promoter with MRR
/// (A) 0, the passive (C) 0, the detractor (B, gone in March) 1; within 6 months still unknown. February has no responses:
/// null figures, nps12 still 25. An answer for February dropped after its close counts in May, the first open month, late.
/// </para>
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class LoyaltyEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const string Tenant = "loyal";

    private const string SurveyFile =
        """
        customer_id,responded_at,score,same_solution,same_provider,comment,survey
        A,2025-01-10,3,no,no,first answer,nps
        A,2025-01-20,10,yes,ja,,nps
        B,2025-01-15,2,no,no,too expensive,nps
        C,2025-01-15,8,yes,weet niet,,nps
        D,2025-01-15,9,true,true,,nps

        """;

    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);
        await _host.DropAsync($"{Tenant}/revenue.csv", RevenueFile());
        await WaitForAcceptedAsync(1);
        await _host.DropAsync($"{Tenant}/survey.csv", SurveyFile);
        await WaitForAcceptedAsync(2);
        using var close = await _host.PostAsync($"/api/tenants/{Tenant}/closes/2025-04", user: "controller@acme");
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Loyalty_Json_ClosedMonthsAsByHand_MonthWithoutResponsesIsNull()
    {
        var rows = (await _host.GetJsonAsync($"/api/tenants/{Tenant}/loyalty?from=2025-01&to=2025-02")).EnumerateArray().ToList();

        Assert.Equal(["2025-01", "2025-02"], rows.Select(row => row.GetProperty("month").GetString()));
        var january = rows[0];
        Assert.Equal(("closed", 1, 4, 2, 1, 1), (
            january.GetProperty("status").GetString(), january.GetProperty("version").GetInt32(), january.GetProperty("responses").GetInt32(),
            january.GetProperty("promoters").GetInt32(), january.GetProperty("passives").GetInt32(), january.GetProperty("detractors").GetInt32()));
        Assert.Equal(
            [25m, 40m, 25m, 0.75m, 0.5m, 0.5m, 0m, 0m, 0m, 1m],
            new[] { "nps", "revenueWeightedNps", "nps12", "sameSolutionShare", "sameProviderShare", "loyalShare", "captiveMrr", "promoterChurn3", "passiveChurn3", "detractorChurn3" }
                .Select(name => january.GetProperty(name).GetDecimal()));
        Assert.Equal(0, january.GetProperty("captiveCustomers").GetInt32());
        Assert.All(["promoterChurn6", "passiveChurn6", "detractorChurn6"], name => Assert.Equal(JsonValueKind.Null, january.GetProperty(name).ValueKind));

        var february = rows[1];
        Assert.Equal((0, 4, 25m), (february.GetProperty("responses").GetInt32(), february.GetProperty("responses12").GetInt32(), february.GetProperty("nps12").GetDecimal()));
        Assert.All(
            ["nps", "revenueWeightedNps", "sameSolutionShare", "sameProviderShare", "loyalShare", "captiveCustomers", "captiveMrr", "promoterChurn3"],
            name => Assert.Equal(JsonValueKind.Null, february.GetProperty(name).ValueKind));
    }

    [Fact]
    public async Task Loyalty_MonthsAfterTheDataHorizon_PublishNoFigures()
    {
        var rows = (await _host.GetJsonAsync($"/api/tenants/{Tenant}/loyalty")).EnumerateArray().ToList();

        var waiting = rows.Where(row => row.GetProperty("status").GetString() == "awaiting-data").ToList();
        Assert.NotEmpty(waiting);
        Assert.All(waiting, row => Assert.Equal(
            (0, 0, JsonValueKind.Null, JsonValueKind.Null),
            (row.GetProperty("responses").GetInt32(), row.GetProperty("responses12").GetInt32(), row.GetProperty("nps").ValueKind, row.GetProperty("nps12").ValueKind)));
    }

    [Fact]
    public async Task Loyalty_Csv_SameColumnsAsJson()
    {
        var lines = (await _host.GetTextAsync($"/api/tenants/{Tenant}/loyalty?from=2025-01&to=2025-01&format=csv")).Split("\r\n");

        Assert.Equal(
            "month,dimension,segment,status,version,currency,responses,promoters,passives,detractors,nps,revenueWeightedNps,responses12,nps12,"
            + "sameSolutionShare,sameProviderShare,loyalShare,captiveCustomers,captiveMrr,lateResponses,promoterChurn3,passiveChurn3,detractorChurn3,"
            + "promoterChurn6,passiveChurn6,detractorChurn6",
            lines[0]);
        Assert.Equal(
            "2025-01,,,closed,1,EUR,4,2,1,1,25.000000,40.000000,4,25.000000,0.750000,0.500000,0.500000,0,0.00,0,0.000000,0.000000,1.000000,,,",
            lines[1]);
        var version1 = (await _host.GetTextAsync($"/api/tenants/{Tenant}/loyalty?from=2025-01&to=2025-01&version=1&format=csv")).Split("\r\n");
        Assert.Equal(lines, version1);
    }

    [Fact]
    public async Task Loyalty_ByPlan_OneRowPerPlanOfTheRespondents()
    {
        var rows = (await _host.GetJsonAsync($"/api/tenants/{Tenant}/loyalty?from=2025-01&to=2025-01&by=plan")).EnumerateArray().ToList();

        Assert.Equal(
            [("(none)", 1, 100m), ("basic", 2, -50m), ("pro", 1, 100m)],
            rows.Select(row => (row.GetProperty("segment").GetString(), row.GetProperty("responses").GetInt32(), row.GetProperty("nps").GetDecimal())));
        Assert.All(rows, row => Assert.Equal("plan", row.GetProperty("dimension").GetString()));
    }

    [Fact]
    public async Task Loyalty_AnswerForAClosedMonthArrivesLate_FebruaryStaysLockedAndMayCountsItLate()
    {
        await _host.DropAsync($"{Tenant}/late-survey.csv", "customer_id,responded_at,score\nC,2025-02-10,0\n");
        await WaitForAcceptedAsync(3);

        var rows = (await _host.GetJsonAsync($"/api/tenants/{Tenant}/loyalty?from=2025-02&to=2025-05")).EnumerateArray()
            .ToDictionary(row => row.GetProperty("month").GetString()!);

        Assert.Equal(0, rows["2025-02"].GetProperty("responses").GetInt32());
        var may = rows["2025-05"];
        Assert.Equal(("provisional", 1, 1, 1, -100m), (
            may.GetProperty("status").GetString(), may.GetProperty("responses").GetInt32(), may.GetProperty("detractors").GetInt32(),
            may.GetProperty("lateResponses").GetInt32(), may.GetProperty("nps").GetDecimal()));
    }

    [Fact]
    public async Task SurveyImport_ReportedAsCanonicalSurveyWithItsResponses()
    {
        var survey = (await _host.GetJsonAsync($"/api/tenants/{Tenant}/imports")).EnumerateArray()
            .Single(row => row.GetProperty("fileName").GetString() == "survey.csv");
        var detail = await _host.GetJsonAsync($"/api/tenants/{Tenant}/imports/{survey.GetProperty("id").GetString()}");

        Assert.Equal(("canonical-survey", 5, 5, "2025-01", "2025-01"), (
            detail.GetProperty("format").GetString(), detail.GetProperty("rows").GetInt32(), detail.GetProperty("surveyResponses").GetInt32(),
            detail.GetProperty("firstMonth").GetString(), detail.GetProperty("lastMonth").GetString()));
    }

    [Fact]
    public async Task CustomerCardsAndMovements_CarryTheLatestAnswer()
    {
        var card = await _host.GetJsonAsync($"/api/tenants/{Tenant}/customers/A?asOf=2025-04");
        var list = (await _host.GetTextAsync($"/api/tenants/{Tenant}/customers?asOf=2025-04&format=csv")).Split("\r\n");
        var churned = (await _host.GetJsonAsync($"/api/tenants/{Tenant}/movements/2025-03?type=churn")).EnumerateArray().Single();

        Assert.Equal((10, "promoter", "yes", "yes", "2025-01-20T00:00:00+00:00"), (
            card.GetProperty("surveyScore").GetInt32(), card.GetProperty("surveyCategory").GetString(), card.GetProperty("surveySameSolution").GetString(),
            card.GetProperty("surveySameProvider").GetString(), card.GetProperty("surveyRespondedAt").GetString()));
        Assert.EndsWith(",surveyScore,surveyCategory,surveySameSolution,surveySameProvider,surveyRespondedAt,closeVersion", list[0], StringComparison.Ordinal);
        Assert.Contains(",2,detractor,no,no,2025-01-15T00:00:00.000Z,", list.Single(line => line.StartsWith("2025-04,B,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(("B", 2, "detractor"), (
            churned.GetProperty("customerId").GetString(), churned.GetProperty("surveyScore").GetInt32(), churned.GetProperty("surveyCategory").GetString()));
    }

    [Theory]
    [InlineData("/api/tenants/loyal/loyalty?by=cohort", HttpStatusCode.BadRequest)]
    [InlineData("/api/tenants/loyal/loyalty?from=2025-03&to=2025-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/tenants/loyal/loyalty?format=xls", HttpStatusCode.BadRequest)]
    [InlineData("/api/tenants/loyal/loyalty?version=1", HttpStatusCode.BadRequest)]
    [InlineData("/api/tenants/loyal/loyalty?from=2025-01&to=2025-01&version=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/tenants/loyal/loyalty?from=2025-01&to=2025-01&version=2", HttpStatusCode.NotFound)]
    [InlineData("/api/tenants/nobody/loyalty", HttpStatusCode.NotFound)]
    public async Task Loyalty_BadValueOrUnknownTenant_ProblemDetails(string path, HttpStatusCode expected)
    {
        using var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string RevenueFile()
    {
        var text = new StringBuilder("line_id,customer_id,subscription_id,plan,amount,currency,interval,service_start,service_end\n");
        foreach (var (customer, plan, amount, months) in new[] { ("A", "pro", 300, 6), ("B", "basic", 100, 2), ("C", "basic", 100, 6) })
        {
            for (var month = 1; month <= months; month++)
            {
                var start = new DateOnly(2025, month, 1);
                text.Append(CultureInfo.InvariantCulture,
                    $"{customer}{month},{customer},sub_{customer},{plan},{amount}.00,EUR,month,{start:yyyy-MM-dd},{start.AddMonths(1):yyyy-MM-dd}\n");
            }
        }

        return text.ToString();
    }

    private Task<List<JsonElement>> WaitForAcceptedAsync(int count) =>
        _host.WaitForImportsAsync(Tenant, imports => imports.Count(import => import.GetProperty("status").GetString() == "Accepted") == count);
}
