using System.Text;
using Pipeline.Domain;
using Pipeline.Ingestion.Tests.Canonical;
using Pipeline.Ingestion.Tests.Chargebee;

namespace Pipeline.Ingestion.Tests;

/// <summary>Revenue lines handed on in chunks while a file is read, instead of kept in the result.</summary>
public sealed partial class ExportParserTests
{
    [Theory]
    [InlineData("Fixtures/exports/stripe-sigma/invoice-lines.csv", "stripe-invoice-lines", new[] { 16, 16, 9 })]
    [InlineData("Fixtures/exports/paddle/transaction-line-items.csv", "paddle-transaction-lines", new[] { 16, 16, 15 })]
    [InlineData("Fixtures/exports/chartmogul/invoices.csv", "chartmogul-invoices", new[] { 16, 16, 12 })]
    [InlineData("Fixtures/exports/stripe/subscriptions-2025-03.csv", "stripe-subscriptions", new[] { 8 })]
    public async Task ParseAsync_LineHandler_GetsChunksThatMakeUpExactlyTheKeptLines(string fixture, string format, int[] chunkSizes)
    {
        var options = new ExportParseOptions(TimeZoneInfo.Utc) { LinesPerChunk = 16, ReceivedAt = Parse.Utc(2025, 4, 1) };
        var kept = await Parse.FixtureAsync(fixture, options);
        var chunks = new List<IReadOnlyList<RevenueLine>>();

        await using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, fixture));
        var streamed = await new ExportParser().ParseAsync(stream, Path.GetFileName(fixture), options, Keep(chunks), CancellationToken.None);

        Assert.Equal((format, false), (streamed.Format, streamed.IsRefused));
        Assert.Equal(chunkSizes, chunks.Select(chunk => chunk.Count).ToArray());
        Assert.Equal(kept.Lines, chunks.SelectMany(chunk => chunk));
        Assert.Empty(streamed.Lines);
        Assert.Equal((kept.DataRows, kept.BadRows), (streamed.DataRows, streamed.BadRows));
        Assert.Equal(kept.Customers, streamed.Customers);
    }

    [Fact]
    public async Task ParseAsync_LineHandler_CanonicalLinesArriveInSourceOrderWithTheirRowNumbers()
    {
        var csv = new RevenueLineCsv();
        for (var number = 1; number <= 10; number++)
        {
            csv.Add(number);
        }

        var chunks = new List<IReadOnlyList<RevenueLine>>();
        var result = await ParseWithHandlerAsync(csv.ToString(), Parse.AmsterdamOptions with { LinesPerChunk = 3 }, Keep(chunks));

        Assert.Equal([3, 3, 3, 1], chunks.Select(chunk => chunk.Count).ToArray());
        Assert.Equal(Enumerable.Range(2, 10).Select(row => (long)row), chunks.SelectMany(chunk => chunk).Select(line => line.RowNumber));
        Assert.Equal("il_0010", chunks[^1][0].LineKey);
        Assert.Equal(10, result.DataRows);
    }

    [Fact]
    public async Task ParseAsync_TooManyBadRows_GoodLinesHandedOnButTheResultRefusesTheFile()
    {
        var csv = new RevenueLineCsv().Add(1).Add(2, ("amount", "forty")).Add(3);
        var chunks = new List<IReadOnlyList<RevenueLine>>();

        var result = await ParseWithHandlerAsync(csv.ToString(), Parse.AmsterdamOptions with { LinesPerChunk = 1 }, Keep(chunks));

        Assert.Equal(["il_0001", "il_0003"], chunks.SelectMany(chunk => chunk).Select(line => line.LineKey).ToArray());
        Assert.True(result.IsRefused);
        Assert.Equal(RefusalCodes.TooManyBadRows, result.ReasonCode);
    }

    [Fact]
    public async Task ParseAsync_HandlerFails_TheParseFailsWithItsException()
    {
        var csv = new RevenueLineCsv().Add(1).Add(2).Add(3);
        var handled = 0;

        var failure = await Assert.ThrowsAsync<IOException>(() => ParseWithHandlerAsync(
            csv.ToString(), Parse.AmsterdamOptions with { LinesPerChunk = 1 },
            (_, _) => ++handled == 2 ? throw new IOException("storage unavailable") : ValueTask.CompletedTask));

        Assert.Equal("storage unavailable", failure.Message);
        Assert.Equal(2, handled);
    }

    [Fact]
    public async Task ParseAsync_ZipOfSeveralFiles_LinesOfEachMemberInMemberOrder()
    {
        var first = new RevenueLineCsv().Add(1).Add(2).Add(3).ToString();
        var second = new RevenueLineCsv().Add(4).Add(5).ToString();
        var zip = ChargebeeZip.Build(("january.csv", first), ("february.csv", second));
        var chunks = new List<IReadOnlyList<RevenueLine>>();

        using var stream = new MemoryStream(zip);
        var result = await new ExportParser().ParseAsync(stream, "export.zip", Parse.AmsterdamOptions with { LinesPerChunk = 2 }, Keep(chunks), CancellationToken.None);

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal([2, 1, 2], chunks.Select(chunk => chunk.Count).ToArray());
        Assert.Equal(["il_0001", "il_0002", "il_0003", "il_0004", "il_0005"], chunks.SelectMany(chunk => chunk).Select(line => line.LineKey).ToArray());
        Assert.Equal(5, result.DataRows);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task ParseAsync_ChunkSizeNotPositive_ThrowsArgumentOutOfRange(int linesPerChunk)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ParseWithHandlerAsync(
            new RevenueLineCsv().Add(1).ToString(), Parse.AmsterdamOptions with { LinesPerChunk = linesPerChunk }, Keep([])));
    }

    [Fact]
    public async Task ParseAsync_LargeFile_SourceIsReadInPiecesOfAMebibyte()
    {
        var csv = new StringBuilder("line_id,customer_id,amount,currency,service_start,service_end,interval\n");
        for (var row = 0; csv.Length < 5_000_000; row++)
        {
            csv.Append("il_").Append(row).Append(",cus_").Append(row % 997).Append(",49.00,EUR,2025-01-01,2025-02-01,month\n");
        }

        var content = Encoding.UTF8.GetBytes(csv.ToString());
        await using var source = new ReadCountingStream(content);
        var lines = 0;

        var result = await new ExportParser().ParseAsync(source, "export.csv", Parse.AmsterdamOptions, (chunk, _) =>
        {
            lines += chunk.Count;
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal((false, 0), (result.IsRefused, result.BadRows));
        Assert.Equal(result.DataRows, lines);
        // The 64 KiB sample, then 1 MiB at a time (each read of an asynchronous source is a hand-off between pool threads).
        Assert.InRange(source.Reads.Count(read => read > 0), 2, 2 + (content.Length / (1024 * 1024)));
        Assert.All(source.Reads.Skip(1).SkipLast(2), read => Assert.Equal(1024 * 1024, read));
    }

    [Theory]
    [InlineData("Fixtures/exports/stripe-sigma/invoice-lines.csv")]
    [InlineData("Fixtures/exports/paddle/transaction-line-items.csv")]
    [InlineData("Fixtures/exports/chartmogul/invoices.csv")]
    [InlineData("Fixtures/exports/stripe/subscriptions-2025-03.csv")]
    [InlineData("Fixtures/exports/stripe/payments.csv")]
    public async Task ParseAsync_CustomerHandler_RecordsMergeIntoTheKeptCustomers(string fixture)
    {
        var options = new ExportParseOptions(TimeZoneInfo.Utc) { LinesPerChunk = 2, ReceivedAt = Parse.Utc(2025, 4, 1) };
        var kept = await Parse.FixtureAsync(fixture, options);
        var chunks = new List<IReadOnlyList<CustomerRecord>>();

        await using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, fixture));
        var streamed = await new ExportParser().ParseAsync(
            stream, Path.GetFileName(fixture), options, (_, _) => ValueTask.CompletedTask, KeepCustomers(chunks), CancellationToken.None);

        var merge = new CustomerMerge();
        await merge.AddAsync([.. chunks.SelectMany(chunk => chunk)], CancellationToken.None);
        Assert.NotEmpty(kept.Customers);
        Assert.Empty(streamed.Customers);
        Assert.Equal(kept.Customers, merge.Records);
        Assert.Equal((kept.Customers.Count, kept.Customers.Count), (kept.CustomerCount, streamed.CustomerCount));
        Assert.True(chunks.Count > 1);
    }

    [Fact]
    public async Task ParseAsync_CustomerHandler_CanonicalRecordsHandedOnWhileReadingOnlyWhenTheyChange()
    {
        // cus_a: a record at row 2; its values again (the country in another case) and no attributes at all add none; a
        // new segment at row 5 is one; row 8's values are not the last record's, so they are one again. cus_b's row 7
        // repeats row 6.
        var csv = new StringBuilder("line_id,customer_id,amount,currency,interval,service_start,service_end,customer_name,country,segment\n")
            .Append("il_1,cus_a,49,EUR,month,2025-01-01,2025-02-01,Acme,NL,\n")
            .Append("il_2,cus_a,49,EUR,month,2025-02-01,2025-03-01,Acme,nl,\n")
            .Append("il_3,cus_a,49,EUR,month,2025-03-01,2025-04-01,,,\n")
            .Append("il_4,cus_a,49,EUR,month,2025-04-01,2025-05-01,Acme,NL,smb\n")
            .Append("il_5,cus_b,49,EUR,month,2025-01-01,2025-02-01,Beta,DE,\n")
            .Append("il_6,cus_b,49,EUR,month,2025-02-01,2025-03-01,Beta,DE,\n")
            .Append("il_7,cus_a,49,EUR,month,2025-05-01,2025-06-01,Acme,NL,\n")
            .ToString();
        var chunks = new List<IReadOnlyList<CustomerRecord>>();
        var linesSeen = new List<int>();
        var lines = 0;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        var result = await new ExportParser().ParseAsync(stream, "export.csv", Parse.AmsterdamOptions with { LinesPerChunk = 2 }, (chunk, _) =>
        {
            lines += chunk.Count;
            return ValueTask.CompletedTask;
        }, (chunk, _) =>
        {
            chunks.Add(chunk);
            linesSeen.Add(lines);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(
            [(2L, "Acme", "NL", null), (5L, "Acme", "NL", "smb"), (6L, "Beta", "DE", null), (8L, "Acme", "NL", null)],
            chunks.SelectMany(chunk => chunk).Select(record => (record.RowNumber, record.Name, record.Country, record.Segment)).ToArray());

        // The first two records went on while three lines were still unread.
        Assert.Equal([4, 6], linesSeen.ToArray());
        Assert.Equal((2, 7, 0), (result.CustomerCount, result.DataRows, result.BadRows));
        Assert.Empty(result.Customers);
    }

    private static RevenueLineChunkHandler Keep(List<IReadOnlyList<RevenueLine>> chunks) => (chunk, _) =>
    {
        chunks.Add(chunk);
        return ValueTask.CompletedTask;
    };

    private static CustomerChunkHandler KeepCustomers(List<IReadOnlyList<CustomerRecord>> chunks) => (chunk, _) =>
    {
        chunks.Add(chunk);
        return ValueTask.CompletedTask;
    };

    private static async Task<ExportParseResult> ParseWithHandlerAsync(string csv, ExportParseOptions options, RevenueLineChunkHandler lines)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await new ExportParser().ParseAsync(stream, "export.csv", options, lines, CancellationToken.None);
    }
}

/// <summary>Remembers how many bytes each read asked for and got.</summary>
internal sealed class ReadCountingStream(byte[] content) : MemoryStream(content)
{
    public List<int> Reads { get; } = [];

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await base.ReadAsync(buffer, cancellationToken);
        Reads.Add(read);
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = base.Read(buffer);
        Reads.Add(read);
        return read;
    }
}
