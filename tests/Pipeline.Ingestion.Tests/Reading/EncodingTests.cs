using System.Text;

namespace Pipeline.Ingestion.Tests.Reading;

public sealed class EncodingTests
{
    private const string Header = "customer_id,amount,currency,service_start,service_end,interval,customer_name";

    private static readonly string Csv = $"{Header}\ncus_1,1,EUR,2025-01-01,,month,Zoë € Café\n";

    public static TheoryData<string, byte[]> Encoded => new()
    {
        { "UTF-8 without BOM", Encoding.UTF8.GetBytes(Csv) },
        { "UTF-8 with BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv)] },
        { "UTF-16 LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv)] },
        { "UTF-16 BE with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Csv)] },
        { "UTF-16 LE without BOM", Encoding.Unicode.GetBytes(Csv) },
        { "UTF-16 BE without BOM", Encoding.BigEndianUnicode.GetBytes(Csv) },
        { "Windows-1252", Windows1252(Csv) },
        { "leaked BOM character", Encoding.UTF8.GetBytes("\uFEFF" + Csv) },
        { "BOM and leaked BOM character", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("\uFEFF" + Csv)] },
    };

    [Theory]
    [MemberData(nameof(Encoded))]
    public async Task ParseAsync_Encoding_ReadsSameText(string encoding, byte[] content)
    {
        var result = await Parse.BytesAsync(content);

        Assert.False(result.IsRefused, encoding);
        Assert.Equal("Zoë € Café", Assert.Single(result.Customers).Name);
        Assert.Equal("cus_1", Assert.Single(result.Lines).CustomerId);
    }

    [Theory]
    [InlineData(false, "LE")]
    [InlineData(true, "BE")]
    public async Task ParseAsync_Utf16WithoutBom_ColumnsWithoutNulAndAWarningNamingTheByteOrder(bool bigEndian, string order)
    {
        var result = await Parse.BytesAsync(new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes(Csv));

        Assert.Equal(("canonical-revenue-lines", 0), (result.Format, result.Errors.Count));
        Assert.DoesNotContain('\0', result.FormatEvidence!);
        Assert.Equal($"The file has no byte-order mark, but every other byte is zero as in UTF-16 {order} text, so it was read as UTF-16 {order}. " +
            "Save it as \"CSV UTF-8\" to be sure it is read as written.", Assert.Single(result.Warnings));
    }

    [Fact]
    public async Task ParseAsync_BinaryWithNulBytes_RefusedAsNotText()
    {
        var content = Encoding.UTF8.GetBytes($"{Header}\n").Concat(Enumerable.Range(0, 3000).Select(index => (byte)(index % 7 == 0 ? 0 : 65 + (index % 26)))).ToArray();

        var result = await Parse.BytesAsync(content);

        Assert.Equal(RefusalCodes.Unreadable, result.ReasonCode);
        Assert.StartsWith("The file has NUL characters in its first 64 KiB, so it is not text", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_Windows1252_Warns()
    {
        var result = await Parse.BytesAsync(Windows1252(Csv));

        Assert.Equal([Pipeline.Ingestion.Csv.TextEncodingSniffer.Windows1252Warning], result.Warnings);
    }

    [Fact]
    public async Task ParseAsync_InvalidUtf8AfterSampleOnForwardOnlyStream_SwitchesToWindows1252()
    {
        var (content, lateOffset) = LateWindows1252("Plain");
        await using var stream = new ForwardOnlyStream(content);

        var result = await new ExportParser().ParseAsync(stream, "export.csv", Parse.AmsterdamOptions, CancellationToken.None);

        Assert.False(result.IsRefused);
        Assert.Empty(result.Errors);
        Assert.Equal("Café €", result.Customers[^1].Name);
        Assert.Equal(result.DataRows, result.Lines.Count);
        Assert.StartsWith($"The file is not valid UTF-8 after its first {lateOffset:N0} bytes, so from there it was read as Windows-1252",
            Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_Utf8TextBeforeLateWindows1252_KeepsBoth()
    {
        var (content, _) = LateWindows1252("Zoë");

        var result = await Parse.BytesAsync(content);

        Assert.Equal(["Zoë", "Café €"], result.Customers.Select(customer => customer.Name).Distinct());
    }

    [Fact]
    public async Task ParseAsync_MultiByteCharacterAcrossSampleAndBufferEnds_DecodedWhole()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var number = 0; csv.Length < 200_000; number++)
        {
            csv.Append("cus_").Append(number).Append(",1,EUR,2025-01-01,,month,").Append('x', number % 7).Append("é€\n");
        }

        var result = await new ExportParser().ParseAsync(new ForwardOnlyStream(Encoding.UTF8.GetBytes(csv.ToString())), "export.csv",
            Parse.AmsterdamOptions, CancellationToken.None);

        Assert.Empty(result.Warnings);
        Assert.All(result.Customers, customer => Assert.EndsWith("é€", customer.Name, StringComparison.Ordinal));
        Assert.Equal(result.DataRows, result.Customers.Count);
    }

    private static byte[] Windows1252(string text) => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text);

    /// <summary>A file that is ASCII (or UTF-8 <paramref name="earlyName"/>) for 80,000 bytes, then has a Windows-1252 line.</summary>
    private static (byte[] Content, int LateOffset) LateWindows1252(string earlyName)
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var number = 0; csv.Length < 80_000; number++)
        {
            csv.Append("cus_").Append(number).Append(",1,EUR,2025-01-01,,month,").Append(earlyName).Append('\n');
        }

        var early = Encoding.UTF8.GetBytes(csv.Append("cus_last,1,EUR,2025-01-01,,month,Caf").ToString());
        return ([.. early, 0xE9, 0x20, 0x80, 0x0A], early.Length);
    }
}
