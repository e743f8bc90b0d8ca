using System.Globalization;
using System.Text.Json;
using Pipeline.Application.Clv.Estimation;
using Pipeline.Application.Tests.Clv;
using Pipeline.Domain.Clv;
using Pipeline.Testing;

namespace Pipeline.Cli.Tests;

/// <summary>
/// <c>clv</c>, <c>clv forecast</c>, <c>clv purchases</c> and <c>customers</c> against a real Azurite: the ledger of
/// <see cref="ClvSampleLedger"/> ingested for <c>acme</c>, gross margin 0.8 and a yearly discount rate of 12 %, the same
/// figures the API's end-to-end tests check (at the end of June 2025 the monthly <c>pro</c> cohort's survivors are 10, 7, 5,
/// 5, 4, 4; the two quarterly <c>basic</c> customers have seen one renewal: no fit, a note).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CliClvCommandTests : IDisposable
{
    private static readonly string[] ClvColumns =
    [
        "asOf", "dimension", "segment", "period", "model", "currency", "customers", "alpha", "beta", "logLikelihood",
        "expectedLifetimePeriods", "retention", "activeCustomers", "residualClv", "meanResidualClv", "clvAtAcquisition", "cac",
        "clvToCac", "discountRate", "note", "closeVersion",
    ];

    private static readonly string[] CustomerColumns =
    [
        "asOf", "customerId", "name", "country", "customerSegment", "channel", "referredBy", "referrals", "dimension", "segment", "currency", "cohort", "period", "active",
        "renewals", "tenureMonths", "mrr", "valueTier", "revenueToDate", "derl", "residualClv", "clvNote", "repeatPurchases", "meanRepeatValue",
        "probabilityAlive", "expectedPurchases", "expectedPurchaseValue", "purchaseClv", "purchaseNote", "clvQuintile", "strategicValue",
        "valueSegment", "receivables", "discountRate", "surveyScore", "surveyCategory", "surveySameSolution", "surveySameProvider",
        "surveyRespondedAt", "closeVersion",
    ];

    private static readonly ShiftedBetaGeometric Model = RetentionFit.Fit([new RetentionCohort([10, 7, 5, 5, 4, 4])]).Model!;

    /// <summary>d: 12 % a year as a monthly rate.</summary>
    private static readonly double MonthlyRate = Math.Pow(1.12, 1.0 / 12.0) - 1.0;

    private readonly CliRun _cli;

    public CliClvCommandTests(AzuriteInstance azurite)
    {
        _cli = new CliRun(azurite.ConnectionString);
        _cli.Settings["Pipeline:GrossMargin"] = "0.8";
        _cli.Settings["Pipeline:ClvDiscountRate"] = "0.12";
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Clv_JsonCsvAndTable_OneRowPerBillingPeriod_FitAndValuesAsByHand()
    {
        await IngestSampleAsync();

        var json = await _cli.RunAsync("clv", "--tenant", "acme", "--as-of", "2025-06", "--format", "json");
        Assert.Equal((0, string.Empty), (json.ExitCode, json.Err));
        using var document = JsonDocument.Parse(json.Out);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.All(rows, row => Assert.Equal(ClvColumns, row.EnumerateObject().Select(property => property.Name).ToArray()));
        Assert.Equal(
            [("all", "month", 10, 4), ("all", "quarter", 2, 2)],
            rows.Select(row => (row.GetProperty("segment").GetString(), row.GetProperty("period").GetString(),
                row.GetProperty("customers").GetInt32(), row.GetProperty("activeCustomers").GetInt32())).ToArray());
        var monthly = rows[0];
        Assert.Equal((Math.Round(Model.Alpha, 6), Math.Round(Model.Beta, 6)), (monthly.GetProperty("alpha").GetDouble(), monthly.GetProperty("beta").GetDouble()));
        // 100.00 a month × 0.8 margin per period; each of the 4 active customers has made 5 renewals.
        var oneActive = 80m * (decimal)Model.DiscountedExpectedResidualLifetime(5, MonthlyRate);
        Assert.Equal(
            (Cents(4 * oneActive), Cents(oneActive), Cents(80m * (decimal)Model.DiscountedExpectedResidualLifetime(0, MonthlyRate)), "0.12"),
            (monthly.GetProperty("residualClv").GetRawText(), monthly.GetProperty("meanResidualClv").GetRawText(),
                monthly.GetProperty("clvAtAcquisition").GetRawText(), monthly.GetProperty("discountRate").GetRawText()));
        Assert.Equal(
            decimal.Round((decimal)Model.RetentionRate(1), 6, MidpointRounding.AwayFromZero),
            monthly.GetProperty("retention").EnumerateArray().First().GetDecimal());
        Assert.Equal(12, monthly.GetProperty("retention").GetArrayLength());
        Assert.StartsWith("Only 1 renewal opportunity observed", rows[1].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("alpha").ValueKind);

        var csv = await _cli.RunAsync("clv", "--tenant", "acme", "--as-of", "2025-06", "--by", "plan", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Out.Split("\r\n");
        Assert.Equal(
            "asOf,dimension,segment,period,model,currency,customers,alpha,beta,logLikelihood,expectedLifetimePeriods," +
            string.Join(',', Enumerable.Range(1, 12).Select(t => string.Create(CultureInfo.InvariantCulture, $"retention{t}"))) +
            ",activeCustomers,residualClv,meanResidualClv,clvAtAcquisition,cac,clvToCac,discountRate,note,closeVersion",
            lines[0]);
        Assert.StartsWith(
            "2025-06,plan,basic,quarter,sBG,EUR,2" + new string(',', 17) + "2" + new string(',', 6) + "0.12,\"Only 1 renewal opportunity observed;",
            lines[1], StringComparison.Ordinal);
        var pro = lines[2].Split(',');
        Assert.Equal(["2025-06", "plan", "pro", "month", "sBG", "EUR", "10"], pro[..7]);
        Assert.Equal((Cents(4 * oneActive), string.Empty), (pro[24], pro[^1]));
        Assert.Equal(4, lines.Length); // header, two rows, and the empty string after the last line break

        var table = await _cli.RunAsync("clv", "--tenant", "acme", "--as-of", "2025-06");
        Assert.Equal(0, table.ExitCode);
        Assert.Equal("CLV of acme at the end of 2025-06 (EUR)", table.OutLines[0]);
        Assert.Equal(
            ["segment", "period", "customers", "active", "alpha", "beta", "lifetime", "residual", "clv", "mean", "residual", "clv", "at", "start", "cac",
                "clv/cac", "note"],
            Words(table.OutLines[1]));
        Assert.Equal(
            ["all", "month", "10", "4", monthly.GetProperty("alpha").GetRawText(), monthly.GetProperty("beta").GetRawText()],
            Words(table.OutLines[2])[..6]);
        Assert.Equal([Cents(4 * oneActive), Cents(oneActive)], Words(table.OutLines[2])[7..9]);
        Assert.StartsWith("all      quarter  ", table.OutLines[3], StringComparison.Ordinal);
        Assert.Contains(" -  Only 1 renewal opportunity observed", table.OutLines[3], StringComparison.Ordinal);
        Assert.Equal(4, table.OutLines.Length);
    }

    [Fact]
    public async Task ClvForecast_JsonAndCsv_ExpectedRevenuePerFutureMonth()
    {
        await IngestSampleAsync();

        var json = await _cli.RunAsync("clv", "forecast", "--tenant", "acme", "--as-of", "2025-06", "--months", "3", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(
            ["asOf", "dimension", "segment", "period", "currency", "month", "monthsAhead", "activeCustomers", "expectedRenewals",
                "expectedRevenue", "discountedRevenue", "discountRate", "note", "closeVersion"],
            rows[0].EnumerateObject().Select(property => property.Name).ToArray());
        Assert.Equal(
            [("month", "2025-07", 4), ("month", "2025-08", 4), ("month", "2025-09", 4), ("quarter", null, 2)],
            rows.Select(row => (row.GetProperty("period").GetString(), row.GetProperty("month").GetString(), row.GetProperty("activeCustomers").GetInt32())).ToArray());
        // Four customers at 80.00 per period: month j+1 is alive with r_6 … r_(6+j), discounted by 1.12^(−j/12).
        var alive = Model.RenewalProbabilities(5, 3);
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(
                (Cents(4 * 80m * (decimal)alive[j]), Cents(4 * 80m * (decimal)(alive[j] * Math.Pow(1.12, -j / 12.0)))),
                (rows[j].GetProperty("expectedRevenue").GetRawText(), rows[j].GetProperty("discountedRevenue").GetRawText()));
        }

        Assert.StartsWith("Only 1 renewal opportunity observed", rows[3].GetProperty("note").GetString(), StringComparison.Ordinal);

        var csv = await _cli.RunAsync("clv", "forecast", "--tenant", "acme", "--as-of", "2025-06", "--by", "plan", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Out.Split("\r\n");
        Assert.Equal(
            "asOf,dimension,segment,period,currency,month,monthsAhead,activeCustomers,expectedRenewals,expectedRevenue,discountedRevenue,discountRate,note,closeVersion",
            lines[0]);
        Assert.StartsWith("2025-06,plan,basic,quarter,EUR,,,2,,,,0.12,\"Only 1 renewal opportunity observed", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"2025-06,plan,pro,month,EUR,2025-07,1,4,{decimal.Round(4 * (decimal)alive[0], 6, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)},{Cents(4 * 80m * (decimal)alive[0])},", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("2025-06,plan,pro,month,EUR,2028-06,36,4,", lines[37], StringComparison.Ordinal);
        Assert.Equal(39, lines.Length); // header, the note row, 36 months (the default), and the empty string after the last line break

        var table = await _cli.RunAsync("clv", "forecast", "--tenant", "acme", "--as-of", "2025-06", "--months", "2");
        Assert.Equal(0, table.ExitCode);
        Assert.Equal("CLV forecast of acme after 2025-06 (EUR, discount rate 0.12 a year)", table.OutLines[0]);
        Assert.Equal(["segment", "period", "month", "ahead", "active", "renewals", "revenue", "discounted", "note"], Words(table.OutLines[1]));
        Assert.Equal(["all", "month", "2025-07", "1", "4"], Words(table.OutLines[2])[..5]);
        Assert.Equal(Cents(4 * 80m * (decimal)alive[0]), Words(table.OutLines[2])[6]);
        Assert.Equal(5, table.OutLines.Length);
    }

    [Fact]
    public async Task ClvPurchases_HandMadeLedger_CountsAndNotes()
    {
        // b1 buys on 2 January and 9 January; b2 on 3 January and, after the calibration end, on 20 January.
        var lines = _cli.WriteFile("lines.csv",
            "line_id,customer_id,amount,currency,service_start,service_end,line_type\n" +
            "1,b1,10.00,EUR,1997-01-02,1997-01-03,one_time\n" +
            "2,b1,16.00,EUR,1997-01-09,1997-01-10,one_time\n" +
            "3,b2,7.00,EUR,1997-01-03,1997-01-04,one_time\n" +
            "4,b2,7.00,EUR,1997-01-20,1997-01-21,one_time\n");
        Assert.Equal(0, (await _cli.RunAsync("ingest", lines, "--tenant", "shop")).ExitCode);

        var json = await _cli.RunAsync("clv", "purchases", "--tenant", "shop", "--calibration-end", "1997-01-14", "--unit", "day", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        var row = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(
            ["calibrationEnd", "unit", "dimension", "segment", "currency", "customers", "repeatBuyers", "r", "alpha", "a", "b", "logLikelihood",
                "p", "q", "gamma", "spendLogLikelihood", "note", "spendNote"],
            row.EnumerateObject().Select(property => property.Name).ToArray());
        Assert.Equal(("1997-01-14", "day", "all", "all", "EUR", 2, 1),
            (row.GetProperty("calibrationEnd").GetString(), row.GetProperty("unit").GetString(), row.GetProperty("dimension").GetString(),
                row.GetProperty("segment").GetString(), row.GetProperty("currency").GetString(), row.GetProperty("customers").GetInt32(),
                row.GetProperty("repeatBuyers").GetInt32()));
        Assert.Equal(
            ("1 repeat buyer with a positive spend: the spend model needs at least 2.", JsonValueKind.Null),
            (row.GetProperty("spendNote").GetString(), row.GetProperty("gamma").ValueKind));

        // In weeks to 1997-01-31 both bought again: 2 repeat buyers.
        var csv = await _cli.RunAsync("clv", "purchases", "--tenant", "shop", "--calibration-end", "1997-01-31", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var csvLines = csv.Out.Split("\r\n");
        Assert.Equal("calibrationEnd,unit,dimension,segment,currency,customers,repeatBuyers,r,alpha,a,b,logLikelihood,p,q,gamma,spendLogLikelihood,note,spendNote", csvLines[0]);
        Assert.StartsWith("1997-01-31,week,all,all,EUR,2,2,", csvLines[1], StringComparison.Ordinal);
        Assert.Equal(3, csvLines.Length);

        // Only first purchases by 5 January: no fit, the note says why.
        var table = await _cli.RunAsync("clv", "purchases", "--tenant", "shop", "--calibration-end", "1997-01-05");
        Assert.Equal(0, table.ExitCode);
        Assert.Equal("Purchase models of shop, calibration end 1997-01-05, in weeks (EUR)", table.OutLines[0]);
        Assert.Equal(["segment", "customers", "repeat", "buyers", "r", "alpha", "a", "b", "ll", "p", "q", "gamma", "note", "spend", "note"], Words(table.OutLines[1]));
        Assert.StartsWith("all", table.OutLines[2], StringComparison.Ordinal);
        Assert.Equal(["2", "0", "-", "-", "-", "-", "-", "-", "-", "-"], Words(table.OutLines[2])[1..11]);
        Assert.Contains("  No customer bought again", table.OutLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_ListCsvTableAndOneCard_AsByHand()
    {
        await IngestSampleAsync();

        var json = await _cli.RunAsync("customers", "--tenant", "acme", "--as-of", "2025-06", "--sort", "residualClv", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.All(rows, row => Assert.Equal(CustomerColumns, row.EnumerateObject().Select(property => property.Name).ToArray()));
        Assert.Equal(["m10", "m7", "m8", "m9", "m1", "m2", "m3", "m4", "m5", "m6", "q1", "q2"], rows.Select(row => row.GetProperty("customerId").GetString()!).ToArray());
        // m7: 100.00 a month January … June, 5 renewals; residual CLV 100.00 × 0.8 × DERL(5).
        var derl = Model.DiscountedExpectedResidualLifetime(5, MonthlyRate);
        var m7 = rows[1];
        Assert.Equal(("2025-01", "month", true, 5, 6), (m7.GetProperty("cohort").GetString(), m7.GetProperty("period").GetString(),
            m7.GetProperty("active").GetBoolean(), m7.GetProperty("renewals").GetInt32(), m7.GetProperty("tenureMonths").GetInt32()));
        Assert.Equal(("100.00", "600.00", Cents(80m * (decimal)derl)),
            (m7.GetProperty("mrr").GetRawText(), m7.GetProperty("revenueToDate").GetRawText(), m7.GetProperty("residualClv").GetRawText()));
        Assert.Equal(decimal.Round((decimal)derl, 6, MidpointRounding.AwayFromZero), m7.GetProperty("derl").GetDecimal());
        Assert.Equal((false, 3, "400.00", JsonValueKind.Null), (rows[9].GetProperty("active").GetBoolean(), rows[9].GetProperty("renewals").GetInt32(),
            rows[9].GetProperty("revenueToDate").GetRawText(), rows[9].GetProperty("residualClv").ValueKind));

        // Grouped by value tier (as GET /customers?by=valueTier): the top20 group is exactly the cards whose tier says so.
        var top = await _cli.RunAsync("customers", "--tenant", "acme", "--as-of", "2025-06", "--by", "valueTier", "--segment", "top20", "--format", "json");
        Assert.Equal(0, top.ExitCode);
        using var topDocument = JsonDocument.Parse(top.Out);
        var topRows = topDocument.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(topRows);
        Assert.All(topRows, row => Assert.Equal(("valueTier", "top20"), (row.GetProperty("dimension").GetString(), row.GetProperty("segment").GetString())));
        Assert.Equal(
            rows.Where(row => row.GetProperty("valueTier").GetString() == "top20").Select(row => row.GetProperty("customerId").GetString()).Order(StringComparer.Ordinal),
            topRows.Select(row => row.GetProperty("customerId").GetString()).Order(StringComparer.Ordinal));

        var csv = await _cli.RunAsync("customers", "--tenant", "acme", "--as-of", "2025-06", "--by", "plan", "--segment", "basic", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Out.Split("\r\n");
        Assert.Equal(string.Join(',', CustomerColumns), lines[0]);
        Assert.Equal(["q1", "q2"], lines[1..3].Select(line => line.Split(',')[1]).ToArray());
        Assert.Contains(",0,plan,basic,EUR,2025-01,quarter,true,1,6,100.00,rest,600.00,,,", lines[1], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);

        var table = await _cli.RunAsync("customers", "--tenant", "acme", "--as-of", "2025-06", "--sort", "residualClv");
        Assert.Equal(0, table.ExitCode);
        Assert.Equal("Customers of acme at the end of 2025-06 (EUR)", table.OutLines[0]);
        Assert.Equal(
            ["customer", "name", "segment", "cohort", "period", "active", "renewals", "tenure", "mrr", "revenue", "derl", "residual", "clv", "p", "alive",
                "purchases", "12m", "purchase", "clv"],
            Words(table.OutLines[1]));
        Assert.Equal(
            ["m7", "-", "all", "2025-01", "month", "true", "5", "6", "100.00", "600.00", m7.GetProperty("derl").GetRawText(), Cents(80m * (decimal)derl), "-", "-", "-"],
            Words(table.OutLines[3]));
        Assert.Equal(14, table.OutLines.Length);

        var card = await _cli.RunAsync("customers", "--tenant", "acme", "--as-of", "2025-06", "--by", "plan", "--id", "q2", "--format", "json");
        Assert.Equal(0, card.ExitCode);
        using var cardDocument = JsonDocument.Parse(card.Out);
        var q2 = cardDocument.RootElement;
        Assert.Equal(JsonValueKind.Object, q2.ValueKind);
        Assert.Equal(CustomerColumns, q2.EnumerateObject().Select(property => property.Name).ToArray());
        Assert.Equal(("q2", "basic", "quarter", 1, "600.00"), (q2.GetProperty("customerId").GetString(), q2.GetProperty("segment").GetString(),
            q2.GetProperty("period").GetString(), q2.GetProperty("renewals").GetInt32(), q2.GetProperty("revenueToDate").GetRawText()));

        var cardCsv = await _cli.RunAsync("customers", "--tenant", "acme", "--as-of", "2025-06", "--id", "m7", "--format", "csv");
        Assert.Equal(0, cardCsv.ExitCode);
        var cardLines = cardCsv.Out.Split("\r\n");
        Assert.Equal((string.Join(',', CustomerColumns), 3), (cardLines[0], cardLines.Length));
        Assert.StartsWith("2025-06,m7,,,,,,0,all,all,EUR,2025-01,month,true,5,6,100.00,top20,600.00,", cardLines[1], StringComparison.Ordinal);

        var cardTable = await _cli.RunAsync("customers", "--tenant", "acme", "--as-of", "2025-06", "--id", "m7");
        Assert.Equal(0, cardTable.ExitCode);
        Assert.Equal(CustomerColumns.Length, cardTable.OutLines.Length);
        Assert.Equal(CustomerColumns, cardTable.OutLines.Select(line => Words(line)[0]).ToArray());
        Assert.Equal(["residualClv", Cents(80m * (decimal)derl)], Words(cardTable.OutLines[20]));
        Assert.Equal(["name", "-"], Words(cardTable.OutLines[2]));
    }

    [Fact]
    public async Task BadValuesCheckedAgainstTheTenant_UnendedMonthExit2_UnknownTenantOrCustomerExit1()
    {
        await IngestSampleAsync();

        foreach (var args in new[]
        {
            new[] { "clv", "--tenant", "acme", "--as-of", "2999-01" },
            ["clv", "forecast", "--tenant", "acme", "--as-of", "2999-01"],
            ["customers", "--tenant", "acme", "--as-of", "2999-01"],
        })
        {
            var unended = await _cli.RunAsync(args);
            Assert.Equal((2, string.Empty), (unended.ExitCode, unended.Out));
            Assert.Matches(
                @"^pipeline: error: --as-of 2999-01 has not ended: renewals are observed at month ends, so use \d{4}-\d\d or earlier\.$",
                Assert.Single(unended.ErrLines));
        }

        var calibration = await _cli.RunAsync("clv", "purchases", "--tenant", "acme", "--calibration-end", "2999-01-01");
        Assert.Equal(
            (2, "pipeline: error: --calibration-end 2999-01-01 has not ended: the calibration period must be over, so use an earlier day."),
            (calibration.ExitCode, Assert.Single(calibration.ErrLines)));

        foreach (var args in new[]
        {
            new[] { "clv", "--tenant", "nobody", "--as-of", "2025-06" },
            ["clv", "forecast", "--tenant", "nobody"],
            ["clv", "purchases", "--tenant", "nobody"],
            ["customers", "--tenant", "nobody"],
            ["customers", "--tenant", "nobody", "--id", "m7"],
        })
        {
            var unknown = await _cli.RunAsync(args);
            Assert.Equal(
                (1, string.Empty, "pipeline: error: tenant 'nobody' is unknown: no export was ever dropped for it."),
                (unknown.ExitCode, unknown.Out, Assert.Single(unknown.ErrLines)));
        }

        var noCustomer = await _cli.RunAsync("customers", "--tenant", "acme", "--as-of", "2025-06", "--id", "zz");
        Assert.Equal(
            (1, string.Empty, "pipeline: error: tenant 'acme' has no customer 'zz' with a subscription or a purchase by the end of 2025-06."),
            (noCustomer.ExitCode, noCustomer.Out, Assert.Single(noCustomer.ErrLines)));
    }

    private async Task IngestSampleAsync()
    {
        var ingest = await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", ClvSampleLedger.RevenueLines()), "--tenant", "acme");
        Assert.Equal(0, ingest.ExitCode);
    }

    private static string Cents(decimal amount) =>
        decimal.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
