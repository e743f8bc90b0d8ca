using System.Text;
using Pipeline.Domain;
using Pipeline.Ingestion.Profiles;

namespace Pipeline.Ingestion.Tests.Profiles;

/// <summary>The Dutch invoice register of <c>Fixtures/exports/register</c> in every locale variant, read through its profile.</summary>
public sealed class RegisterLocaleTests
{
    public static readonly TheoryData<string> Variants = new() { "register-utf8-bom.csv", "register-windows-1252.csv", "register-preamble-totals.csv" };

    [Fact]
    public async Task ParseAsync_EveryVariant_GivesTheSameLedger()
    {
        var utf8 = await ParseAsync("register-utf8-bom.csv");

        foreach (var variant in new[] { "register-windows-1252.csv", "register-preamble-totals.csv" })
        {
            var other = await ParseAsync(variant);
            Assert.Equal(Comparable(utf8.Lines), Comparable(other.Lines));
            Assert.Equal(utf8.Customers.Select(customer => customer with { RowNumber = 0 }), other.Customers.Select(customer => customer with { RowNumber = 0 }));
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task ParseAsync_Variant_AcceptedThroughTheProfileWithoutErrors(string variant)
    {
        var result = await ParseAsync(variant);

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal("profile:register", result.Format);
        Assert.Empty(result.Errors);
        Assert.Equal((16, 16, 6), (result.DataRows, result.Lines.Count, result.Customers.Count));
    }

    [Fact]
    public async Task ParseAsync_PreambleAndTotals_SkippedWithWarnings()
    {
        var result = await ParseAsync("register-preamble-totals.csv");

        Assert.Contains("Skipped 2 line(s) before the header row.", result.Warnings);
        Assert.Contains(result.Warnings, warning => warning.StartsWith("Skipped 1 totals row(s)", StringComparison.Ordinal) && warning.Contains("'Totaal'", StringComparison.Ordinal));
        Assert.Equal(4, result.Lines[0].RowNumber);
    }

    [Fact]
    public async Task ParseAsync_Windows1252_IsTheUtf8TextInCodePage1252()
    {
        var bom = await File.ReadAllBytesAsync(FixturePath("register-utf8-bom.csv"));
        var cp1252 = await File.ReadAllBytesAsync(FixturePath("register-windows-1252.csv"));
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

        Assert.Equal(windows1252.GetBytes(Encoding.UTF8.GetString(bom.AsSpan(3))), cp1252);
        Assert.Contains((byte)0x80, cp1252);
        var result = await ParseAsync("register-windows-1252.csv");
        Assert.Contains(result.Warnings, warning => warning.StartsWith("The file is not valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_Register_LinesHaveTheHandReadValues()
    {
        var lines = (await ParseAsync("register-utf8-bom.csv")).Lines.ToDictionary(line => line.LineKey);

        var quarterly = lines["F2025-002#1"];
        Assert.Equal((300.00m, 30.00m, 56.70m, LineType.Recurring), (quarterly.Amount, quarterly.Discount, quarterly.Tax, quarterly.LineType));
        Assert.Equal((new BillingInterval(IntervalUnit.Month, 3), false), (quarterly.Interval!.Value, quarterly.IntervalInferred));
        Assert.Equal((Local(2025, 1, 1), Local(2025, 4, 1)), (quarterly.ServiceStart, quarterly.ServiceEnd!.Value));
        Assert.Equal((Local(2025, 1, 2), Local(2025, 1, 16)), (quarterly.IssuedAt!.Value, quarterly.DueAt!.Value));

        var annual = lines["F2025-007#1"];
        Assert.Equal((1200.00m, new BillingInterval(IntervalUnit.Year, 1), Local(2026, 2, 1)), (annual.Amount, annual.Interval!.Value, annual.ServiceEnd!.Value));
        var oneTime = lines["F2025-007#2"];
        Assert.Equal((LineType.OneTime, 500.00m, Local(2025, 2, 1), Local(2025, 2, 2)), (oneTime.LineType, oneTime.Amount, oneTime.ServiceStart, oneTime.ServiceEnd!.Value));
        var weekly = lines["F2025-005#1"];
        Assert.Equal((new BillingInterval(IntervalUnit.Week, 1), Local(2025, 1, 27), Local(2025, 2, 3)), (weekly.Interval!.Value, weekly.ServiceStart, weekly.ServiceEnd!.Value));
        var credit = lines["F2025-012#1"];
        Assert.Equal((LineType.Credit, -27.00m, -5.67m, Local(2025, 3, 14)), (credit.LineType, credit.Amount, credit.Tax, credit.ServiceStart));
        var usd = lines["F2025-011#1"];
        Assert.Equal(("USD", 120.00m), (usd.Currency.Code, usd.Amount));
        var hosting = lines["F2025-015#1"];
        Assert.Equal((60.00m, 2m, new BillingInterval(IntervalUnit.Month, 3), true), (hosting.Amount, hosting.Quantity, hosting.Interval!.Value, hosting.IntervalInferred));
    }

    [Fact]
    public async Task ParseAsync_Register_MonthEndMrrMatchesTheFixtureReadme()
    {
        var lines = (await ParseAsync("register-utf8-bom.csv")).Lines;

        Assert.Equal(
            ["EUR 191.00 USD 120.00", "EUR 239.00 USD 120.00", "EUR 289.00 USD 120.00", "EUR 309.00 USD 0.00"],
            Enumerable.Range(1, 4).Select(month => MonthEndMrr(lines, new BillingMonth(2025, month))).ToArray());
    }

    [Fact]
    public async Task ParseAsync_Register_CustomersCarryNameCountryAndChannel()
    {
        var customers = (await ParseAsync("register-utf8-bom.csv")).Customers;

        Assert.Equal(["K001", "K002", "K005", "K004", "K003", "K006"], customers.Select(customer => customer.CustomerId).ToArray());
        var smit = customers.Single(customer => customer.CustomerId == "K003");
        Assert.Equal(("Adviesbureau Smit", "BE", "linkedin_ads"), (smit.Name, smit.Country, smit.Channel));
    }

    internal static Task<ExportParseResult> ParseAsync(string variant) =>
        Parse.FixtureAsync(Path.Combine("Fixtures", "exports", "register", variant), Parse.AmsterdamOptions with { Profiles = [Profile] });

    internal static MappingProfile Profile =>
        MappingProfileJson.Parse(File.ReadAllText(FixturePath("register.json")), "register").Profile!;

    private static string FixturePath(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "exports", "register", file);

    private static DateTimeOffset Local(int year, int month, int day) => BillingMonth.StartOfDay(new DateOnly(year, month, day), Parse.Amsterdam);

    /// <summary>Everything about the lines except where they sit in the file (a preamble moves every row down).</summary>
    private static List<RevenueLine> Comparable(IEnumerable<RevenueLine> lines) => [.. lines.Select(line => line with { RowNumber = 0 })];

    /// <summary>Recurring lines covering the month's last instant, normalised to a month, per currency (METRICS.md §1, no supersede needed here).</summary>
    private static string MonthEndMrr(IEnumerable<RevenueLine> lines, BillingMonth month)
    {
        var end = month.EndInstant(Parse.Amsterdam);
        var covering = lines.Where(line => line.LineType == LineType.Recurring && line.ServiceStart <= end && end < line.ServiceEnd).ToList();
        decimal Sum(string currency) => covering.Where(line => line.Currency.Code == currency).Sum(line => line.Interval!.Value.ToMonthly(line.Net));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"EUR {decimal.Round(Sum("EUR"), 2):0.00} USD {decimal.Round(Sum("USD"), 2):0.00}");
    }
}
