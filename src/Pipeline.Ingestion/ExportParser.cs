using Pipeline.Ingestion.Ads;
using Pipeline.Ingestion.Baremetrics;
using Pipeline.Ingestion.Canonical;
using Pipeline.Ingestion.Chargebee;
using Pipeline.Ingestion.ChartMogul;
using Pipeline.Ingestion.Containers;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Ecb;
using Pipeline.Ingestion.Paddle;
using Pipeline.Ingestion.Profiles;
using Pipeline.Ingestion.Xlsx;
using Pipeline.Ingestion.Stripe;

namespace Pipeline.Ingestion;

/// <summary>The single entry point for reading an export file: recognises its format and returns its records and problems.</summary>
/// <remarks>
/// Bad data never throws: an unreadable or unrecognised file comes back with <see cref="ExportParseResult.FileError"/>,
/// bad values as <see cref="RowError"/>s. Only cancellation, a failing stream and a failing line handler throw. The
/// file is streamed, and so are its revenue lines when a <see cref="RevenueLineChunkHandler"/> takes them: only its
/// first 64 KiB are held at once, to sniff the encoding (UTF-8 with or without BOM, UTF-16 with BOM, else
/// Windows-1252), the delimiter (<c>,</c> <c>;</c> tab <c>|</c>, or an Excel <c>sep=</c> line) and the header row.
/// Formats are tried most specific first: the vendor exports (Stripe, Chargebee, Baremetrics, Paddle, ChartMogul and the
/// ad platforms; EXPORTS.md Part B), the canonical files (Part A), the ECB reference-rate history, then the tenant's
/// mapping profiles. An <c>.xlsx</c>/<c>.xlsm</c> workbook is read from its first sheet with the same rules
/// (<see cref="XlsxExport"/>); a <c>.zip</c> is opened by <see cref="Containers.ZipExportReader"/>.
/// </remarks>
public sealed class ExportParser
{
    private const int SampleBytes = 64 * 1024;
    /// <summary>
    /// The bytes a large file is read from its source at a time. Each read of an asynchronous source resumes the parse
    /// on a pool thread while the one that ran it goes idle (and spins before it sleeps); at 64 KiB that hand-off was
    /// ~10 % of a parse's CPU time under <c>perf</c>, at 1 MiB it is under 1 %. A constant 3 MiB (bytes and characters)
    /// whatever the file's size.
    /// </summary>
    private const int ReaderBufferBytes = 1024 * 1024;

    /// <summary>The buffer for a file that fits its first sample, which is already in memory: most test and hand-made files.</summary>
    private const int SmallReaderBufferBytes = 4 * 1024;

    private static readonly string[] UnsupportedExtensions = [".xls", ".ods", ".numbers"];

    // Most specific first: the first format that recognises the header reads the file. Spend and revenue lines
    // exclude each other (customer_id), survey answers come before customers (both have customer_id without amount),
    // and the ECB layout, which has no fixed names, comes last.
    private readonly IExportFormat[] _formats =
    [
        new StripeInvoiceLinesFormat(), new StripeSubscriptionFormat(), new StripeInvoiceFormat(), new StripePaymentFormat(),
        new StripeCustomerFormat(), new ChargebeeSubscriptionFormat(), new BaremetricsFormat(), new PaddleTransactionLineFormat(),
        new ChartMogulInvoiceFormat(), new GoogleAdsFormat(), new MetaAdsFormat(), new LinkedInAdsFormat(),
        new CanonicalSpendFormat(), new CanonicalRevenueLineFormat(), new CanonicalSurveyFormat(), new CanonicalCustomerFormat(),
        new CanonicalExchangeRateFormat(), new EcbExchangeRateFormat(),
    ];

    /// <summary>Reads <paramref name="content"/> (the bytes of the file called <paramref name="fileName"/>) to its end, keeping every line in the result.</summary>
    /// <remarks>For files whose lines fit in memory (tests, tools); an ingest hands the lines on as they come instead.</remarks>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When the bad-row fraction is outside 0–1.</exception>
    public Task<ExportParseResult> ParseAsync(Stream content, string fileName, ExportParseOptions options, CancellationToken cancellationToken) =>
        LineCollector.CollectAsync(lines => ParseAsync(content, fileName, options, lines, cancellationToken));

    /// <summary>
    /// Reads <paramref name="content"/> (the bytes of the file called <paramref name="fileName"/>) to its end, handing its
    /// revenue lines to <paramref name="lines"/> a chunk at a time while it reads; the result's <see cref="ExportParseResult.Lines"/> is empty.
    /// </summary>
    /// <remarks>
    /// Whether the file is refused is only known once it is read: the handler must not make the lines count before
    /// then (the ledger stages them and commits only an accepted file).
    /// </remarks>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When the bad-row fraction is outside 0–1 or the chunk size is not positive.</exception>
    public Task<ExportParseResult> ParseAsync(
        Stream content, string fileName, ExportParseOptions options, RevenueLineChunkHandler lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return ParseAsync(content, fileName, options, new ParseHandlers(lines, Customers: null), cancellationToken);
    }

    /// <summary>
    /// Reads <paramref name="content"/> like <see cref="ParseAsync(Stream, string, ExportParseOptions, RevenueLineChunkHandler, CancellationToken)"/>,
    /// and hands its customer records to <paramref name="customers"/> a chunk at a time as well; the result's
    /// <see cref="ExportParseResult.Customers"/> is empty (its <see cref="ExportParseResult.CustomerCount"/> says how many customers had one).
    /// </summary>
    /// <remarks>Nothing a parse keeps for a whole file then grows by more than 16 bytes a customer.</remarks>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When the bad-row fraction is outside 0–1 or the chunk size is not positive.</exception>
    public Task<ExportParseResult> ParseAsync(
        Stream content, string fileName, ExportParseOptions options, RevenueLineChunkHandler lines, CustomerChunkHandler customers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(customers);
        return ParseAsync(content, fileName, options, new ParseHandlers(lines, customers), cancellationToken);
    }

    private async Task<ExportParseResult> ParseAsync(
        Stream content, string fileName, ExportParseOptions options, ParseHandlers handlers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.BusinessTimeZone);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxBadRowFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxBadRowFraction, 1m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.LinesPerChunk);
        var extension = Path.GetExtension(fileName);
        if (XlsxExport.Reads(extension))
        {
            return await XlsxExport.ParseAsync(content, options, FormatsFor(options), handlers, cancellationToken);
        }

        if (extension.Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return await ZipExportReader.ReadAsync(content, options, FormatsFor(options), handlers, cancellationToken);
        }

        if (UnsupportedExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return ExportParseResult.Refused(string.Concat(extension, " files cannot be read yet: open the file in Excel and ",
                "save it as \"CSV UTF-8 (Comma delimited)\", then upload the .csv file."), format: null, []);
        }

        return await ParseDelimitedAsync(content, options, FormatsFor(options), handlers, cancellationToken);
    }

    /// <summary>The formats tried for a file of this tenant: the built-in ones, most specific first, then its mapping profiles.</summary>
    /// <remarks>A built-in fingerprint always wins over a profile: profiles only read what no built-in format knows.</remarks>
    internal IReadOnlyList<IExportFormat> FormatsFor(ExportParseOptions options) =>
        options.Profiles.Count == 0 ? _formats : [.. _formats, .. options.Profiles.Select(profile => new MappingProfileFormat(profile))];

    /// <summary>Reads a delimited text file (any encoding the sniffer knows) with the given formats.</summary>
    /// <remarks>Also the entry for the members of a container (an <c>.xlsx</c> sheet, a <c>.zip</c> member).</remarks>
    internal static async Task<ExportParseResult> ParseDelimitedAsync(
        Stream content, ExportParseOptions options, IReadOnlyList<IExportFormat> formats, ParseHandlers handlers,
        CancellationToken cancellationToken)
    {
        var prefix = new byte[SampleBytes];
        var length = await content.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken);
        var isComplete = length < prefix.Length;
        var sniffed = TextEncodingSniffer.Sniff(prefix.AsSpan(0, length), isComplete);
        var layout = CsvLayoutSniffer.Sniff(sniffed.Sample, isComplete, header => formats.Any(format => format.Recognises(header)));
        var warnings = new List<string>();
        if (sniffed.Warning is not null)
        {
            warnings.Add(sniffed.Warning);
        }

        if (sniffed.Sample.Contains('\0', StringComparison.Ordinal))
        {
            return ExportParseResult.Refused(string.Concat("The file has NUL characters in its first ",
                (SampleBytes / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), " KiB, so it is not text in an encoding that can be ",
                "read (UTF-8, UTF-16 with or without byte-order mark, Windows-1252): it may be a binary file or a spreadsheet with the wrong ",
                "extension. Save it as \"CSV UTF-8\" and upload it again."), format: null, warnings);
        }

        if (layout is null)
        {
            return ExportParseResult.Refused("The file is empty: it needs a header row and at least one data row.", format: null, warnings);
        }

        if (layout.SkippedLines > 0)
        {
            warnings.Add(string.Concat("Skipped ", layout.SkippedLines.ToString(System.Globalization.CultureInfo.InvariantCulture),
                " line(s) before the header row."));
        }

        if (layout.DateOrderWarning is not null)
        {
            warnings.Add(layout.DateOrderWarning);
        }

        var replay = prefix.AsMemory(sniffed.PreambleLength, length - sniffed.PreambleLength);
        await using var stream = new ReplayStream(replay, content);
        using var reader = new StreamReader(stream, sniffed.Encoding, detectEncodingFromByteOrderMarks: false,
            isComplete ? SmallReaderBufferBytes : ReaderBufferBytes, leaveOpen: true);
        await SkipAsync(reader, layout.HeaderOffset, cancellationToken);
        var result = await CsvExportReader.ReadAsync(reader, layout, formats, options, warnings, handlers, cancellationToken);
        return TextEncodingSniffer.LateFallbackWarning(sniffed) is { } late ? result with { Warnings = [late, .. result.Warnings] } : result;
    }

    private static async Task SkipAsync(TextReader reader, int characters, CancellationToken cancellationToken)
    {
        var buffer = new char[Math.Min(Math.Max(characters, 1), 4096)];
        while (characters > 0)
        {
            var read = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(characters, buffer.Length)), cancellationToken);
            if (read == 0)
            {
                return;
            }

            characters -= read;
        }
    }
}
