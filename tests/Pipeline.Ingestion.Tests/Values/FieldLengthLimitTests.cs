using Pipeline.Ingestion.Profiles;

namespace Pipeline.Ingestion.Tests.Values;

/// <summary>Hardening item 4: a label, id or name over its documented length is a row error in every format, never a stored value.</summary>
public sealed class FieldLengthLimitTests
{
    private static readonly string LongLabel = string.Concat("Enterprise ", new string('x', 589));

    private static readonly ExportParseOptions Options =
        new(TimeZoneInfo.Utc) { ReceivedAt = Parse.Utc(2025, 6, 30), MaxBadRowFraction = 1m };

    public static TheoryData<string, string, string> Formats => new()
    {
        { "canonical revenue lines", "customer_id,amount,currency,service_start,service_end,plan\nc1,10.00,EUR,2025-01-01,2025-02-01,pro\n", "plan" },
        { "canonical customers", "customer_id,name,segment,channel\nc1,Acme,SMB,organic\n", "channel" },
        { "canonical customers name", "customer_id,name,segment,channel\nc1,Acme,SMB,organic\n", "name" },
        { "stripe subscriptions", Fixture("stripe/subscriptions-2025-03.csv"), "Product" },
        { "chargebee subscriptions", Fixture("chargebee/zip/Subscriptions.csv"), "subscriptions.cf_segment" },
        { "paddle transaction lines", Fixture("paddle/transaction-line-items.csv"), "product_name" },
        { "chartmogul invoices", Fixture("chartmogul/invoices.csv"), "plan_uuid" },
        { "baremetrics", Fixture("baremetrics/subscriptions.csv"), "plan_name" },
        { "baremetrics customer id", Fixture("baremetrics/subscriptions.csv"), "customer_oid" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task ParseAsync_LabelOverFiveHundredCharacters_RowErrorWithRowColumnAndShortenedValue(string format, string headerAndRow, string column)
    {
        var result = await Parse.TextAsync(WithSecondRow(headerAndRow, ',', column, LongLabel), Options);

        AssertRowError(result, format, column);
    }

    [Fact]
    public async Task ParseAsync_MappingProfileLabelOverFiveHundredCharacters_RowError()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "exports", "register");
        var profile = MappingProfileJson.Parse(File.ReadAllText(Path.Combine(folder, "register.json")), "register").Profile!;
        var lines = File.ReadAllLines(Path.Combine(folder, "register-utf8-bom.csv"));

        var result = await Parse.TextAsync(WithSecondRow(string.Concat(lines[0], "\n", lines[1], "\n"), ';', "Klantnaam", LongLabel),
            Options with { Profiles = [profile] });

        AssertRowError(result, "profile:register", "Klantnaam");
    }

    [Fact]
    public async Task ParseAsync_DescriptionOfTwoThousandCharacters_Accepted()
    {
        var description = new string('d', 2_000);

        var result = await Parse.TextAsync(WithSecondRow(Fixture("chartmogul/invoices.csv"), ',', "description", description), Options);

        Assert.Equal((2, 0), (result.DataRows, result.BadRows));
    }

    private static void AssertRowError(ExportParseResult result, string format, string column)
    {
        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal((2, 1), (result.DataRows, result.BadRows));
        var error = Assert.Single(result.Errors);
        var shortened = string.Concat(LongLabel.AsSpan(0, 60), "…");
        Assert.Equal((3L, column, shortened), (error.Row, error.Column, error.Value));
        Assert.Equal($"'{shortened}' is 600 characters long: a value of {column} may be at most 500 characters (an id, a label or a name, not a " +
            "paragraph). Shorten it, or keep long text in a column the format does not read.", error.Message);
        Assert.DoesNotContain(result.Lines, line => line.RowNumber == 3);
        Assert.DoesNotContain(result.Customers, customer => customer.RowNumber == 3);
        Assert.True(result.Lines.Count + result.Customers.Count > 0, format);
    }

    /// <summary>The header and first data row of a fixture, without quotes in them.</summary>
    private static string Fixture(string path)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "exports", path));
        return string.Concat(lines[0], "\n", lines[1], "\n");
    }

    /// <summary>The text with its first data row repeated as row 3, the value of <paramref name="column"/> replaced and its ids made unique.</summary>
    private static string WithSecondRow(string headerAndRow, char delimiter, string column, string value)
    {
        var lines = headerAndRow.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('\uFEFF').Split(delimiter);
        var cells = lines[1].Split(delimiter);
        cells[Array.IndexOf(header, column)] = value;
        return string.Concat(headerAndRow, string.Join(delimiter, cells), "\n");
    }
}
