using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Ingestion;

namespace Pipeline.Application.Tests.Imports;

/// <summary>An ingest hashes the file first, then streams its lines to the ledger in chunks and commits only an accepted file.</summary>
public sealed class StreamingIngestTests : IDisposable
{
    private const int Lines = 70_000;
    private static readonly int Chunk = new ExportParseOptions(TimeZoneInfo.Utc).LinesPerChunk;
    private static readonly TenantId Acme = TenantId.Parse("acme");

    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero));

    private ExportIngestionService Ingestion => _pipeline.Get<ExportIngestionService>();

    [Fact]
    public async Task IngestAsync_FileLargerThanWhatIsKept_HashedThenReadAgainWithItsLinesStreamedInChunks()
    {
        var content = CanonicalFile(Lines);
        var blob = _pipeline.Inbox.Put("acme/revenue-2025.csv", content);

        var record = await Ingestion.IngestAsync(blob, CancellationToken.None);

        Assert.True(content.Length > 4 * 1024 * 1024); // more than an ingest keeps from the hash pass
        Assert.Equal((ImportStatus.Accepted, Lines, 0), (record.Status, record.Rows, record.RowErrors));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), record.ImportId);
        Assert.Equal((new BillingMonth(2025, 1), new BillingMonth(2025, 12)), (record.FirstMonth!.Value, record.LastMonth!.Value));
        Assert.Equal(2, _pipeline.Inbox.Reads);
        Assert.Equal(Chunks(Lines), _pipeline.Ledger.LineChunks.ToArray());
        var batch = await _pipeline.Ledger.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, Lines).Select(Key), batch!.Lines.Select(line => line.LineKey));
        Assert.Equal(Enumerable.Range(2, Lines).Select(row => (long)row), batch.Lines.Select(line => line.RowNumber));
        var report = await _pipeline.Reports.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        Assert.Equal((Lines, new BillingMonth(2025, 1), new BillingMonth(2025, 12)), (report!.RevenueLines, report.FirstMonth!.Value, report.LastMonth!.Value));
    }

    [Fact]
    public async Task IngestAsync_SmallFile_ReadOnceAndParsedFromWhatTheHashPassKept()
    {
        var record = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines), CancellationToken.None);

        Assert.Equal(ImportStatus.Accepted, record.Status);
        Assert.Equal(1, _pipeline.Inbox.Reads);
        Assert.Equal([19], _pipeline.Ledger.LineChunks.ToArray());
    }

    [Fact]
    public async Task IngestAsync_KnownLargeFileUnderAnotherName_DuplicateAfterTheHashPassAlone()
    {
        var content = CanonicalFile(Lines);
        var original = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/revenue-2025.csv", content), CancellationToken.None);

        var copy = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/copy.csv", content), CancellationToken.None);

        Assert.Equal((ImportStatus.Duplicate, original.ImportId), (copy.Status, copy.DuplicateOf));
        Assert.Equal(3, _pipeline.Inbox.Reads);
        Assert.Equal(Chunks(Lines).Length, _pipeline.Ledger.LineChunks.Count);
        Assert.Equal((1, 0), (_pipeline.Ledger.Writes, _pipeline.Ledger.Abandoned));
    }

    [Fact]
    public async Task IngestAsync_TooManyBadRowsFoundAfterLinesWereStreamed_RejectedAndTheBatchNeverCommitted()
    {
        var blob = _pipeline.Inbox.Put("acme/revenue-2025.csv", CanonicalFile(Lines, badFrom: Lines - 4_000));

        var record = await Ingestion.IngestAsync(blob, CancellationToken.None);

        Assert.Equal((ImportStatus.Rejected, RefusalCodes.TooManyBadRows, 4_000), (record.Status, record.ReasonCode, record.RowErrors));
        Assert.Equal((null, null), (record.FirstMonth, record.LastMonth));
        Assert.Equal(Chunks(Lines - 4_000), _pipeline.Ledger.LineChunks.ToArray());
        Assert.Equal((0, 0, 1), (_pipeline.Ledger.Count, _pipeline.Ledger.Writes, _pipeline.Ledger.Abandoned));
        var report = await _pipeline.Reports.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        // The report lists the first 1,000 errors (Pipeline:MaxReportedRowErrors) and counts the rest.
        Assert.Equal((0, 1_000, 4_000), (report!.RevenueLines, report.Errors.Count, report.TotalErrors));
        Assert.Empty(await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task IngestAsync_LedgerFailsWhileLinesStream_RecordStaysProcessingAndTheRerunWritesTheWholeBatch()
    {
        var content = CanonicalFile(Lines);
        var blob = _pipeline.Inbox.Put("acme/revenue-2025.csv", content);
        _pipeline.Ledger.FailOnLineChunk = 2;

        await Assert.ThrowsAsync<IOException>(() => Ingestion.IngestAsync(blob, CancellationToken.None));
        var interrupted = Assert.Single(_pipeline.Imports.All);
        var (committed, abandoned) = (_pipeline.Ledger.Count, _pipeline.Ledger.Abandoned);
        var record = await Ingestion.IngestAsync(blob, CancellationToken.None);

        Assert.Equal((ImportStatus.Processing, 0, 1), (interrupted.Status, committed, abandoned));
        Assert.Equal((ImportStatus.Accepted, 2, interrupted.ImportId), (record.Status, record.Attempts, record.ImportId));
        var batch = await _pipeline.Ledger.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, Lines).Select(Key), batch!.Lines.Select(line => line.LineKey));
        Assert.Equal([Chunk, .. Chunks(Lines)], _pipeline.Ledger.LineChunks.ToArray());
    }

    public void Dispose() => _pipeline.Dispose();

    /// <summary>The chunk sizes the parser hands on for <paramref name="lines"/> lines: full chunks, then the rest.</summary>
    private static int[] Chunks(int lines) =>
        [.. Enumerable.Repeat(Chunk, lines / Chunk), .. lines % Chunk == 0 ? Array.Empty<int>() : [lines % Chunk]];

    private static string Key(int number) => string.Create(CultureInfo.InvariantCulture, $"il_{number:D6}");

    /// <summary>A canonical revenue-lines file of monthly lines spread over 2025, 5,000 customers; rows from <paramref name="badFrom"/> on have a bad amount.</summary>
    private static byte[] CanonicalFile(int lines, int badFrom = int.MaxValue)
    {
        var csv = new StringBuilder("line_id,customer_id,plan,amount,currency,service_start,service_end,interval\n");
        for (var number = 0; number < lines; number++)
        {
            var month = 1 + (number % 12);
            csv.Append(CultureInfo.InvariantCulture, $"{Key(number)},cus_{number % 5_000:D5},pro-monthly,")
                .Append(number >= badFrom ? "forty-nine" : "49.00")
                .Append(CultureInfo.InvariantCulture, $",EUR,2025-{month:D2}-01,{(month == 12 ? "2026-01" : $"2025-{month + 1:D2}")}-01,month\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
