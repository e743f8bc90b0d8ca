using System.Globalization;
using System.Text;

namespace Pipeline.Ingestion.Tests.Reading;

/// <summary>Hardening items 2 and 8: files over a size limit are refused with the limit named, never misreported or read without bound.</summary>
public sealed class SizeLimitTests
{
    private const string Header = "customer_id,amount,currency,service_start,service_end,interval";

    [Fact]
    public async Task ParseAsync_MoreLinesThanMaxFileLines_RefusedTooLargeNamingTheSetting()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var number = 0; number < 150; number++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"cus_{number},10.00,EUR,2025-01-01,,month\n");
        }

        var result = await Parse.TextAsync(csv.ToString(), Parse.AmsterdamOptions with { MaxFileLines = 100 });

        Assert.True(result.IsRefused);
        Assert.Equal((RefusalCodes.TooLarge, "canonical-revenue-lines"), (result.ReasonCode, result.Format));
        Assert.Equal("file too large: more than 100 lines, the limit is 100; split it or raise Pipeline:MaxFileLines.", result.RefusalReason);
    }

    [Fact]
    public async Task ParseAsync_AsManyLinesAsMaxFileLines_Accepted()
    {
        var result = await Parse.TextAsync($"{Header}\ncus_1,10.00,EUR,2025-01-01,,month\ncus_2,10.00,EUR,2025-01-01,,month\n",
            Parse.AmsterdamOptions with { MaxFileLines = 3 });

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal(2, result.Lines.Count);
    }

    [Fact]
    public async Task ParseAsync_FiftyMegabyteAmount_RefusedFieldTooLongNotAMisplacedQuote()
    {
        var content = Concat(Encoding.UTF8.GetBytes($"{Header}\ncus_1,10.00,EUR,2025-01-01,,month\ncus_2,"), Repeated((byte)'9', 50 * 1024 * 1024),
            Encoding.UTF8.GetBytes(",EUR,2025-01-01,,month\n"));

        var result = await Parse.BytesAsync(content);

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.StartsWith("Field too long: the value in column 'amount' of row 3 is longer than 1,048,576 characters, the most one row may have.",
            result.RefusalReason, StringComparison.Ordinal);
        Assert.DoesNotContain("misplaced", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_QuotedFieldOverAMillionCharacters_RefusedFieldTooLong()
    {
        var csv = $"{Header},customer_name\ncus_1,10.00,EUR,2025-01-01,,month,\"{new string('x', 1_100_000)}\"\n";

        var result = await Parse.TextAsync(csv);

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.StartsWith("Field too long: the value in field 7 of row 2 is longer than 1,048,576 characters", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_RowOfSixHundredThousandFields_RefusedLineTooLong()
    {
        var csv = $"{Header}\ncus_1,10.00,EUR,2025-01-01,,month\n{string.Join(',', Enumerable.Repeat("1", 600_000))}\n";

        var result = await Parse.TextAsync(csv);

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.StartsWith("Line too long: row 3 is longer than 1,048,576 characters, the most one row may have (it has more fields than the header's 6).",
            result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_MillionColumnHeader_RefusedHeaderTooLong()
    {
        var header = string.Join(',', Enumerable.Range(0, 1_000_000).Select(number => string.Create(CultureInfo.InvariantCulture, $"c{number}")));

        var result = await Parse.TextAsync($"{header}\n1,2,3\n");

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.StartsWith("Line too long: the header (row 1) is longer than 1,048,576 characters", result.RefusalReason, StringComparison.Ordinal);
        Assert.Contains("at most 16,384 are read", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_TwentyThousandColumns_RefusedTooManyColumns()
    {
        var header = string.Concat(Header, ",", string.Join(',', Enumerable.Range(0, 20_000).Select(number => string.Create(CultureInfo.InvariantCulture, $"x{number}"))));

        var result = await Parse.TextAsync($"{header}\ncus_1,10.00,EUR,2025-01-01,,month\n");

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.StartsWith("Too many columns: the header (row 1) has 20,006 columns, and at most 16,384 are read", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_UnrecognisedHeaderOfThousandsOfColumns_ReasonNamesTheFirstFortyOnly()
    {
        var header = string.Join(',', Enumerable.Range(0, 5_000).Select(number => string.Create(CultureInfo.InvariantCulture, $"column {number}")));

        var result = await Parse.TextAsync($"{header}\n1,2,3\n");

        Assert.Equal(RefusalCodes.NeedsMapping, result.ReasonCode);
        Assert.Contains("column 0, column 1,", result.RefusalReason, StringComparison.Ordinal);
        Assert.Contains("column 39 and 4960 more", result.RefusalReason, StringComparison.Ordinal);
        Assert.True(result.RefusalReason!.Length < 4_000, result.RefusalReason.Length.ToString(CultureInfo.InvariantCulture));
    }

    private static byte[] Repeated(byte value, int count)
    {
        var bytes = new byte[count];
        Array.Fill(bytes, value);
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();
}
