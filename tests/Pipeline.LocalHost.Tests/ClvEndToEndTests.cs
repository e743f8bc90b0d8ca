using System.Globalization;
using System.Net;
using System.Text.Json;
using Pipeline.Application.Clv.Estimation;
using Pipeline.Application.Tests.Clv;
using Pipeline.Domain.Clv;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>
/// <c>GET …/clv</c>, <c>…/clv/forecast</c> and <c>…/customers</c> through the local host on Azurite (issue 12, items 1, 3 and 2): the ledger of <see cref="ClvSampleLedger"/>
/// dropped as a canonical revenue-lines file, gross margin 0.8 and a yearly discount rate of 12 %.
/// </summary>
/// <remarks>
/// At the end of June 2025 the monthly <c>pro</c> cohort's survivors are 10, 7, 5, 5, 4, 4: fitted, 4 active customers
/// at 100.00 a month with 5 renewals each. The two quarterly <c>basic</c> customers have seen one renewal: no fit, a note.
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class ClvEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHostInstance.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["Pipeline:GrossMargin"] = "0.8", ["Pipeline:ClvDiscountRate"] = "0.12" });
        await _host.DropAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());
        var imports = await _host.WaitForImportsAsync("acme", rows => rows.Count == 1 && rows[0].GetProperty("status").GetString() != "Processing");
        Assert.Equal("Accepted", imports[0].GetProperty("status").GetString());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Clv_Json_OneRowPerBillingPeriod_FitAndValuesAsByHand()
    {
        var rows = (await _host.GetJsonAsync("/api/tenants/acme/clv?asOf=2025-06")).EnumerateArray().ToList();

        Assert.Equal(
            ["asOf", "dimension", "segment", "period", "model", "currency", "customers", "alpha", "beta", "logLikelihood",
                "expectedLifetimePeriods", "retention", "activeCustomers", "residualClv", "meanResidualClv", "clvAtAcquisition", "cac",
                "clvToCac", "discountRate", "note", "closeVersion"],
            rows[0].EnumerateObject().Select(property => property.Name).ToArray());
        Assert.Equal(
            [("all", "all", "month", "sBG", 10, 4), ("all", "all", "quarter", "sBG", 2, 2)],
            rows.Select(row => (row.GetProperty("dimension").GetString(), row.GetProperty("segment").GetString(), row.GetProperty("period").GetString(),
                row.GetProperty("model").GetString(), row.GetProperty("customers").GetInt32(), row.GetProperty("activeCustomers").GetInt32())).ToArray());

        var monthly = rows[0];
        var model = RetentionFit.Fit([new RetentionCohort([10, 7, 5, 5, 4, 4])]).Model!;
        Assert.Equal(Math.Round(model.Alpha, 6), monthly.GetProperty("alpha").GetDouble());
        Assert.Equal(Math.Round(model.Beta, 6), monthly.GetProperty("beta").GetDouble());
        var retention = monthly.GetProperty("retention").EnumerateArray().Select(rate => rate.GetDecimal()).ToList();
        Assert.Equal(12, retention.Count);
        Assert.Equal(decimal.Round((decimal)model.RetentionRate(1), 6, MidpointRounding.AwayFromZero), retention[0]);
        Assert.True(retention.Zip(retention.Skip(1)).All(pair => pair.First <= pair.Second), "sBG retention never falls with tenure");

        // 100.00 × 1 month × 0.8 per period; d = 1.12^(1/12) − 1; each active customer has made 5 renewals.
        var d = Math.Pow(1.12, 1.0 / 12.0) - 1.0;
        var oneActive = 80m * (decimal)model.DiscountedExpectedResidualLifetime(5, d);
        Assert.Equal(Cents(4 * oneActive), monthly.GetProperty("residualClv").GetRawText());
        Assert.Equal(Cents(oneActive), monthly.GetProperty("meanResidualClv").GetRawText());
        Assert.Equal(Cents(80m * (decimal)model.DiscountedExpectedResidualLifetime(0, d)), monthly.GetProperty("clvAtAcquisition").GetRawText());
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null),
            (monthly.GetProperty("cac").ValueKind, monthly.GetProperty("clvToCac").ValueKind, monthly.GetProperty("note").ValueKind));
        Assert.Equal(0.12m, monthly.GetProperty("discountRate").GetDecimal());

        var quarterly = rows[1];
        Assert.StartsWith("Only 1 renewal opportunity observed", quarterly.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, 0),
            (quarterly.GetProperty("alpha").ValueKind, quarterly.GetProperty("residualClv").ValueKind, quarterly.GetProperty("retention").GetArrayLength()));
    }

    [Fact]
    public async Task Clv_ByPlan_Csv_RetentionSpreadOverColumns()
    {
        var csv = (await _host.GetTextAsync("/api/tenants/acme/clv?asOf=2025-06&by=plan&format=csv")).Split("\r\n");

        Assert.Equal(
            "asOf,dimension,segment,period,model,currency,customers,alpha,beta,logLikelihood,expectedLifetimePeriods," +
            string.Join(',', Enumerable.Range(1, 12).Select(t => string.Create(CultureInfo.InvariantCulture, $"retention{t}"))) +
            ",activeCustomers,residualClv,meanResidualClv,clvAtAcquisition,cac,clvToCac,discountRate,note,closeVersion",
            csv[0]);
        // No fit: the 4 model figures and 12 retention rates are empty cells, then 2 active customers, 5 empty amounts, the rate and the note (quoted: it holds a ;).
        Assert.StartsWith(
            "2025-06,plan,basic,quarter,sBG,EUR,2" + new string(',', 17) + "2" + new string(',', 6) + "0.12,\"Only 1 renewal opportunity observed; the sBG model needs at least 2 to tell heterogeneity from churn.\"",
            csv[1], StringComparison.Ordinal);
        var pro = csv[2].Split(',');
        Assert.Equal(["2025-06", "plan", "pro", "month", "sBG", "EUR", "10"], pro[..7]);
        Assert.Equal(("4", string.Empty), (pro[23], pro[^1]));
        Assert.Equal(4, csv.Length); // header, two rows, and the empty string after the last line break
    }

    [Fact]
    public async Task Forecast_Json_MonthlyGroupPerMonth_QuarterlyGroupOneNoteRow()
    {
        var rows = (await _host.GetJsonAsync("/api/tenants/acme/clv/forecast?asOf=2025-06&months=3")).EnumerateArray().ToList();

        Assert.Equal(
            ["asOf", "dimension", "segment", "period", "currency", "month", "monthsAhead", "activeCustomers", "expectedRenewals",
                "expectedRevenue", "discountedRevenue", "discountRate", "note", "closeVersion"],
            rows[0].EnumerateObject().Select(property => property.Name).ToArray());
        Assert.Equal(
            [("month", "2025-07", 4), ("month", "2025-08", 4), ("month", "2025-09", 4), ("quarter", null, 2)],
            rows.Select(row => (row.GetProperty("period").GetString(), row.GetProperty("month").GetString(), row.GetProperty("activeCustomers").GetInt32())).ToArray());

        // Four customers at 80.00 per period: July r_6, August r_6·r_7 discounted by 1.12^(−1/12), September r_6·r_7·r_8 by 1.12^(−2/12).
        var model = RetentionFit.Fit([new RetentionCohort([10, 7, 5, 5, 4, 4])]).Model!;
        var alive = model.RenewalProbabilities(5, 3);
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(Cents(4 * 80m * (decimal)alive[j]), rows[j].GetProperty("expectedRevenue").GetRawText());
            Assert.Equal(Cents(4 * 80m * (decimal)(alive[j] * Math.Pow(1.12, -j / 12.0))), rows[j].GetProperty("discountedRevenue").GetRawText());
            Assert.Equal(j + 1, rows[j].GetProperty("monthsAhead").GetInt32());
        }

        var quarterly = rows[3];
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, 0.12m),
            (quarterly.GetProperty("expectedRevenue").ValueKind, quarterly.GetProperty("monthsAhead").ValueKind, quarterly.GetProperty("discountRate").GetDecimal()));
        Assert.StartsWith("Only 1 renewal opportunity observed", quarterly.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_ByPlan_Csv_DefaultThirtySixMonths()
    {
        var csv = (await _host.GetTextAsync("/api/tenants/acme/clv/forecast?asOf=2025-06&by=plan&format=csv")).Split("\r\n");

        Assert.Equal(
            "asOf,dimension,segment,period,currency,month,monthsAhead,activeCustomers,expectedRenewals,expectedRevenue,discountedRevenue,discountRate,note,closeVersion",
            csv[0]);
        Assert.StartsWith("2025-06,plan,basic,quarter,EUR,,,2,,,,0.12,\"Only 1 renewal opportunity observed", csv[1], StringComparison.Ordinal);
        Assert.StartsWith("2025-06,plan,pro,month,EUR,2025-07,1,4,", csv[2], StringComparison.Ordinal);
        Assert.StartsWith("2025-06,plan,pro,month,EUR,2028-06,36,4,", csv[37], StringComparison.Ordinal);
        Assert.Equal(39, csv.Length); // header, the note row, 36 months, and the empty string after the last line break
    }

    [Fact]
    public async Task Customers_Json_SortedByResidualClv_CardsAsByHand()
    {
        var rows = (await _host.GetJsonAsync("/api/tenants/acme/customers?asOf=2025-06&sort=residualClv")).EnumerateArray().ToList();

        Assert.Equal(
            ["asOf", "customerId", "name", "country", "customerSegment", "channel", "referredBy", "referrals", "dimension", "segment", "currency", "cohort", "period", "active",
                "renewals", "tenureMonths", "mrr", "valueTier", "revenueToDate", "derl", "residualClv", "clvNote", "repeatPurchases", "meanRepeatValue",
                "probabilityAlive", "expectedPurchases", "expectedPurchaseValue", "purchaseClv", "purchaseNote", "clvQuintile", "strategicValue",
                "valueSegment", "receivables", "discountRate", "surveyScore", "surveyCategory", "surveySameSolution", "surveySameProvider",
                "surveyRespondedAt", "closeVersion"],
            rows[0].EnumerateObject().Select(property => property.Name).ToArray());
        Assert.Equal(["m10", "m7", "m8", "m9", "m1", "m2", "m3", "m4", "m5", "m6", "q1", "q2"], rows.Select(row => row.GetProperty("customerId").GetString()!).ToArray());

        // m7: 100.00 a month January … June, 5 renewals; residual CLV 100.00 × 0.8 × DERL(5) at 1.12^(1/12) − 1 a month.
        var model = RetentionFit.Fit([new RetentionCohort([10, 7, 5, 5, 4, 4])]).Model!;
        var derl = model.DiscountedExpectedResidualLifetime(5, Math.Pow(1.12, 1.0 / 12.0) - 1.0);
        var m7 = rows[1];
        Assert.Equal(("2025-01", "month", true, 5, 6), (m7.GetProperty("cohort").GetString(), m7.GetProperty("period").GetString(),
            m7.GetProperty("active").GetBoolean(), m7.GetProperty("renewals").GetInt32(), m7.GetProperty("tenureMonths").GetInt32()));
        Assert.Equal(("100.00", "600.00"), (m7.GetProperty("mrr").GetRawText(), m7.GetProperty("revenueToDate").GetRawText()));
        Assert.Equal(decimal.Round((decimal)derl, 6, MidpointRounding.AwayFromZero), m7.GetProperty("derl").GetDecimal());
        Assert.Equal(Cents(80m * (decimal)derl), m7.GetProperty("residualClv").GetRawText());
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (m7.GetProperty("repeatPurchases").ValueKind, m7.GetProperty("purchaseNote").ValueKind));

        var m6 = rows[9];
        Assert.Equal((false, 3, 4, "0.00", "400.00", JsonValueKind.Null), (m6.GetProperty("active").GetBoolean(), m6.GetProperty("renewals").GetInt32(),
            m6.GetProperty("tenureMonths").GetInt32(), m6.GetProperty("mrr").GetRawText(), m6.GetProperty("revenueToDate").GetRawText(), m6.GetProperty("residualClv").ValueKind));
        Assert.StartsWith("Only 1 renewal opportunity observed", rows[10].GetProperty("clvNote").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_ByPlanOneSegment_Csv_And_OneCard()
    {
        var csv = (await _host.GetTextAsync("/api/tenants/acme/customers?asOf=2025-06&by=plan&segment=basic&format=csv")).Split("\r\n");
        var card = await _host.GetJsonAsync("/api/tenants/acme/customers/q2?asOf=2025-06&by=plan");

        Assert.StartsWith("asOf,customerId,name,country,customerSegment,channel,referredBy,referrals,dimension,segment,currency,cohort,period,active,renewals,", csv[0], StringComparison.Ordinal);
        Assert.Equal(["q1", "q2"], csv[1..3].Select(line => line.Split(',')[1]).ToArray());
        Assert.All(csv[1..3], line => Assert.StartsWith("2025-06,q", line, StringComparison.Ordinal));
        Assert.Contains(",0,plan,basic,EUR,2025-01,quarter,true,1,6,100.00,rest,600.00,,,", csv[1], StringComparison.Ordinal);
        Assert.Equal(4, csv.Length);
        Assert.Equal(("q2", "basic", "quarter", 1), (card.GetProperty("customerId").GetString(), card.GetProperty("segment").GetString(),
            card.GetProperty("period").GetString(), card.GetProperty("renewals").GetInt32()));
    }

    [Fact]
    public async Task Customers_ReferralsAndValueTier_InJsonAndCsv()
    {
        await _host.DropAsync("acme/customers.csv", "customer_id,name,referred_by\nm8,Eight,m7\nm9,Nine,m7\n");
        await _host.WaitForImportsAsync("acme", rows => rows.Count == 2 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));

        var rows = (await _host.GetJsonAsync("/api/tenants/acme/customers?asOf=2025-06")).EnumerateArray()
            .ToDictionary(row => row.GetProperty("customerId").GetString()!, StringComparer.Ordinal);
        var csv = (await _host.GetTextAsync("/api/tenants/acme/customers?asOf=2025-06&format=csv")).Split("\r\n");

        // Six customers with MRR 100.00 at the end of June: ⌈0.2 × 6⌉ = 2 in top20, by customer id m10 and m7.
        Assert.Equal((JsonValueKind.Null, 2, "top20"),
            (rows["m7"].GetProperty("referredBy").ValueKind, rows["m7"].GetProperty("referrals").GetInt32(), rows["m7"].GetProperty("valueTier").GetString()));
        Assert.Equal(("m7", 0, "rest"),
            (rows["m8"].GetProperty("referredBy").GetString(), rows["m8"].GetProperty("referrals").GetInt32(), rows["m8"].GetProperty("valueTier").GetString()));
        Assert.Equal(JsonValueKind.Null, rows["m1"].GetProperty("valueTier").ValueKind);
        Assert.Contains(",tenureMonths,mrr,valueTier,revenueToDate,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith("2025-06,m7,,,,,,2,all,all,EUR,2025-01,month,true,5,6,100.00,top20,600.00,", csv.Single(line => line.StartsWith("2025-06,m7,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("2025-06,m8,Eight,,,,m7,0,all,all,EUR,2025-01,month,true,5,6,100.00,rest,600.00,", csv.Single(line => line.StartsWith("2025-06,m8,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("2025-06,m1,,NL,,,,0,all,all,EUR,2025-01,month,false,0,1,0.00,,100.00,", csv.Single(line => line.StartsWith("2025-06,m1,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_ValueSegments_TheMatrixOfRevenueAndStrategicValue()
    {
        await _host.DropAsync("acme/customers.csv", "customer_id,name,referred_by\nm8,Eight,m7\nm9,Nine,m7\n");
        await _host.WaitForImportsAsync("acme", rows => rows.Count == 2 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));

        var rows = (await _host.GetJsonAsync("/api/tenants/acme/customers?asOf=2025-06")).EnumerateArray()
            .ToDictionary(row => row.GetProperty("customerId").GetString()!, StringComparer.Ordinal);
        var key = (await _host.GetTextAsync("/api/tenants/acme/customers?asOf=2025-06&by=valueSegment&segment=key&format=csv")).Split("\r\n");

        // Residual CLV > 0 for m7 … m10 alike (N = 4, ties by id): ⌈4/5⌉ = 1 → m10 in quintile 1, then m7 2, m8 3, m9 4.
        // m7: top20 by MRR and referred two → key; m10: top20, referred none → revenue; m8: rest, quintile 3 → basic;
        // q1 (quarterly, MRR, no fit so no CLV) → basic; m1 (ended: no MRR, no CLV) → (none).
        Assert.Equal(
            [("m10", 1, "none", "revenue"), ("m7", 2, "referrer", "key"), ("m8", 3, "none", "basic"), ("m9", 4, "none", "basic")],
            new[] { "m10", "m7", "m8", "m9" }.Select(id => (id, rows[id].GetProperty("clvQuintile").GetInt32(),
                rows[id].GetProperty("strategicValue").GetString()!, rows[id].GetProperty("valueSegment").GetString()!)).ToArray());
        Assert.Equal((JsonValueKind.Null, "basic"), (rows["q1"].GetProperty("clvQuintile").ValueKind, rows["q1"].GetProperty("valueSegment").GetString()));
        Assert.Equal((JsonValueKind.Null, "(none)"), (rows["m1"].GetProperty("clvQuintile").ValueKind, rows["m1"].GetProperty("valueSegment").GetString()));
        Assert.All(rows.Values, row => Assert.Equal("0.00", row.GetProperty("receivables").GetRawText()));
        Assert.Equal(["m7"], key[1..^1].Select(line => line.Split(',')[1]).ToArray());
        Assert.Contains(",valueSegment,key,", key[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedMonth_ClvAndCardsStayAsClosed_UntilReopenedAndClosedAgain()
    {
        using (var close = await _host.PostAsync("/api/tenants/acme/closes/2025-06"))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        var closed = await _host.GetTextAsync("/api/tenants/acme/clv?asOf=2025-06&format=csv");
        var closedCards = await _host.GetTextAsync("/api/tenants/acme/customers?asOf=2025-06&format=csv");
        Assert.All(closed.Split("\r\n")[1..^1], line => Assert.EndsWith(",1", line, StringComparison.Ordinal));

        // A late file: a new monthly pro customer from March. The closed June keeps what its close read.
        await _host.DropAsync("acme/late.csv", "line_id,customer_id,subscription_id,plan,amount,currency,interval,interval_count,service_start,service_end\n"
            + "n1-3,n1,sub_n1,pro,100.00,EUR,month,1,2025-03-01,2025-04-01\nn1-4,n1,sub_n1,pro,100.00,EUR,month,1,2025-04-01,2025-05-01\n"
            + "n1-5,n1,sub_n1,pro,100.00,EUR,month,1,2025-05-01,2025-06-01\nn1-6,n1,sub_n1,pro,100.00,EUR,month,1,2025-06-01,2025-07-01\n");
        await _host.WaitForImportsAsync("acme", rows => rows.Count == 2 && rows.All(row => row.GetProperty("status").GetString() != "Processing"));

        Assert.Equal(closed, await _host.GetTextAsync("/api/tenants/acme/clv?asOf=2025-06&format=csv"));
        Assert.Equal(closedCards, await _host.GetTextAsync("/api/tenants/acme/customers?asOf=2025-06&format=csv"));
        var july = (await _host.GetJsonAsync("/api/tenants/acme/clv?asOf=2025-07")).EnumerateArray().First(row => row.GetProperty("period").GetString() == "month");
        Assert.Equal((11, JsonValueKind.Null), (july.GetProperty("customers").GetInt32(), july.GetProperty("closeVersion").ValueKind));

        using (var reopen = await _host.PostAsync("/api/tenants/acme/closes/2025-06/reopen", """{"reason": "late March signup"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        var reopened = (await _host.GetJsonAsync("/api/tenants/acme/clv?asOf=2025-06")).EnumerateArray().First(row => row.GetProperty("period").GetString() == "month");
        Assert.Equal((11, JsonValueKind.Null), (reopened.GetProperty("customers").GetInt32(), reopened.GetProperty("closeVersion").ValueKind));
        using (var close = await _host.PostAsync("/api/tenants/acme/closes/2025-06"))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        var second = (await _host.GetJsonAsync("/api/tenants/acme/clv?asOf=2025-06")).EnumerateArray().First(row => row.GetProperty("period").GetString() == "month");
        Assert.Equal((11, 2), (second.GetProperty("customers").GetInt32(), second.GetProperty("closeVersion").GetInt32()));
        Assert.Contains(",n1,", await _host.GetTextAsync("/api/tenants/acme/customers?asOf=2025-06&format=csv"), StringComparison.Ordinal);

        // Every close version stays readable, as the KPI rows' do.
        Assert.Equal(closed, await _host.GetTextAsync("/api/tenants/acme/clv?asOf=2025-06&version=1&format=csv"));
        Assert.Equal(closedCards, await _host.GetTextAsync("/api/tenants/acme/customers?asOf=2025-06&version=1&format=csv"));
        using var missing = await _host.Http.GetAsync(new Uri("/api/tenants/acme/clv/forecast?asOf=2025-06&version=3", UriKind.Relative));
        using var bad = await _host.Http.GetAsync(new Uri("/api/tenants/acme/customers?asOf=2025-06&version=0", UriKind.Relative));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (missing.StatusCode, bad.StatusCode));
        Assert.Contains("has no closed version 3 of 2025-06", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_InPages_WithTheTotalAndTheNextPagesLink()
    {
        var all = (await _host.GetJsonAsync("/api/tenants/acme/customers?asOf=2025-06")).EnumerateArray().Select(Id).ToArray();
        using var first = await _host.Http.GetAsync(new Uri("/api/tenants/acme/customers?asOf=2025-06&limit=5", UriKind.Relative));
        using var last = await _host.Http.GetAsync(new Uri("/api/tenants/acme/customers?asOf=2025-06&offset=10&limit=5", UriKind.Relative));
        using var bad = await _host.Http.GetAsync(new Uri("/api/tenants/acme/customers?asOf=2025-06&limit=0", UriKind.Relative));

        // Twelve cards: the first page holds five and points at the next; the third holds the last two and points nowhere.
        Assert.Equal(12, all.Length);
        Assert.Equal(all[..5], LocalHostInstance.Parse(await first.Content.ReadAsStringAsync()).EnumerateArray().Select(Id).ToArray());
        Assert.Equal("12", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("</api/tenants/acme/customers?asOf=2025-06&offset=5&limit=5>; rel=\"next\"", first.Headers.GetValues("Link").Single());
        Assert.Equal(all[10..], LocalHostInstance.Parse(await last.Content.ReadAsStringAsync()).EnumerateArray().Select(Id).ToArray());
        Assert.False(last.Headers.Contains("Link"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        static string Id(JsonElement row) => row.GetProperty("customerId").GetString()!;
    }

    [Fact]
    public async Task Customers_ByValueTier_OneTierAsCsv()
    {
        var csv = (await _host.GetTextAsync("/api/tenants/acme/customers?asOf=2025-06&by=valueTier&segment=top20&format=csv")).Split("\r\n");

        Assert.Equal(["m10", "m7"], csv[1..3].Select(line => line.Split(',')[1]).ToArray());
        Assert.All(csv[1..3], line => Assert.Contains(",valueTier,top20,EUR,2025-01,month,true,5,6,100.00,top20,", line, StringComparison.Ordinal));
        Assert.Equal(4, csv.Length);
    }

    [Theory]
    [InlineData("/api/tenants/acme/customers?by=tier", HttpStatusCode.BadRequest, "by 'tier' is not a CLV dimension: use one of")]
    [InlineData("/api/tenants/acme/clv?by=valueTier", HttpStatusCode.BadRequest, "by 'valueTier' is not a CLV dimension")]
    [InlineData("/api/tenants/acme/clv?asOf=2025-6", HttpStatusCode.BadRequest, "asOf '2025-6' is not a month")]
    [InlineData("/api/tenants/acme/clv?by=band", HttpStatusCode.BadRequest, "by 'band' is not a CLV dimension")]
    [InlineData("/api/tenants/acme/clv?asOf=2999-01", HttpStatusCode.BadRequest, "asOf 2999-01 has not ended")]
    [InlineData("/api/tenants/nobody/clv?asOf=2025-06", HttpStatusCode.NotFound, "Tenant 'nobody' is unknown")]
    [InlineData("/api/tenants/acme/clv/forecast?months=37", HttpStatusCode.BadRequest, "months '37' must be a whole number from 1 to 36.")]
    [InlineData("/api/tenants/acme/clv/forecast?asOf=June", HttpStatusCode.BadRequest, "asOf 'June' is not a month")]
    [InlineData("/api/tenants/acme/clv/forecast?by=tier", HttpStatusCode.BadRequest, "by 'tier' is not a CLV dimension")]
    [InlineData("/api/tenants/nobody/clv/forecast", HttpStatusCode.NotFound, "Tenant 'nobody' is unknown")]
    [InlineData("/api/tenants/acme/customers?sort=name", HttpStatusCode.BadRequest, "sort 'name' is not a sort key")]
    [InlineData("/api/tenants/acme/customers?segment=pro", HttpStatusCode.BadRequest, "segment 'pro' needs a dimension")]
    [InlineData("/api/tenants/acme/customers/zz?asOf=2025-06", HttpStatusCode.NotFound, "Tenant 'acme' has no customer 'zz' with a subscription or a purchase by the end of 2025-06.")]
    [InlineData("/api/tenants/nobody/customers", HttpStatusCode.NotFound, "Tenant 'nobody' is unknown")]
    public async Task Clv_BadRequestOrUnknownTenant_ProblemDetails(string path, HttpStatusCode status, string detail)
    {
        using var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = LocalHostInstance.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string Cents(decimal amount) =>
        decimal.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
}
