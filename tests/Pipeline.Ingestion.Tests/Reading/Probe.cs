using System.Text;
using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Tests.Reading;

/// <summary>One row read by <see cref="Probe"/>.</summary>
internal sealed record ProbeRow(long Row, string? Id, DateTimeOffset? When, DateOnly? Day, decimal? Amount, string? CurrencyMark);

/// <summary>
/// A small vendor-style format (columns <c>id</c>, <c>when</c>, <c>day</c>, <c>amount</c>) that reads its values with the
/// vendor constructors, so the reading rules can be tested through the real parser without a vendor format.
/// </summary>
internal sealed class Probe : IExportFormat
{
    private Reader? _reader;

    public string Name => "probe";

    public string Expectation => "probe (id and when, day or amount)";

    public IReadOnlyList<string> RequiredColumns => ["id"];

    public IReadOnlyList<ProbeRow> Rows => _reader?.Rows ?? [];

    /// <summary>The line handler for a parse with this format, which makes no revenue lines: any chunk is a bug.</summary>
    public static RevenueLineChunkHandler NoLines { get; } = (_, _) => throw new InvalidOperationException("The probe format makes no revenue lines.");

    public bool Reads(string normalisedName) => normalisedName is "id" or "when" or "day" or "amount";

    public bool Recognises(CsvHeader header) => header.Has("id") && (header.Has("when") || header.Has("day") || header.Has("amount"));

    public IExportRowReader CreateReader(CsvHeader header, CsvLayout layout, ExportParseOptions options) =>
        _reader = new Reader(header, layout, options.BusinessTimeZone);

    /// <summary>Parses <paramref name="csv"/> (UTF-8) with only this format; times without an offset are UTC.</summary>
    public static Task<(ExportParseResult Result, IReadOnlyList<ProbeRow> Rows)> ParseAsync(string csv) =>
        ParseAsync(Encoding.UTF8.GetBytes(csv));

    public static async Task<(ExportParseResult Result, IReadOnlyList<ProbeRow> Rows)> ParseAsync(byte[] content)
    {
        var probe = new Probe();
        using var stream = new MemoryStream(content);
        var result = await ExportParser.ParseDelimitedAsync(stream, Parse.AmsterdamOptions, [probe], new ParseHandlers(NoLines, Customers: null), CancellationToken.None);
        return (result, probe.Rows);
    }

    private sealed class Reader(CsvHeader header, CsvLayout layout, TimeZoneInfo zone) : IExportRowReader
    {
        private readonly CsvColumn _id = header.Column("id");
        private readonly InstantColumn _when = new(header.Column("when"), zone, layout, TimeZoneInfo.Utc);
        private readonly DateColumn _day = new(header.Column("day"), layout);
        private readonly DecimalColumn _amount = new(header.Column("amount"), layout.DecimalCommaByDefault, "an amount", moneyText: true);

        public List<ProbeRow> Rows { get; } = [];

        public IReadOnlyList<SpendRecord> Spend => [];

        public IReadOnlyList<ExchangeRate> Rates => [];

        public IReadOnlyList<string> Warnings => [];

        public void Read(CsvRecord record)
        {
            var when = _when.Read(record);
            var day = _day.Read(record);
            var amount = _amount.Read(record);
            if (!record.HasErrors)
            {
                Rows.Add(new ProbeRow(record.Row, record.Text(_id), when, day, amount, _amount.LastCurrencyMark));
            }
        }
    }
}
