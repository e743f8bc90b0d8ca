using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Stripe;

/// <summary>The <c>&lt;key&gt; (metadata)</c> columns of a Stripe export that carry customer attributes.</summary>
/// <remarks>
/// Every metadata column counts as read (a Stripe account may have dozens, none of them a mistake). The acquisition
/// channel comes from the first of <c>channel</c>, <c>acquisition_channel</c>, <c>utm_source</c> that has a value,
/// normalised by <see cref="StripeChannels"/>; the segment from <c>segment</c>; the campaign from <c>campaign</c>, else
/// <c>utm_campaign</c>.
/// </remarks>
internal sealed class StripeMetadataColumns
{
    private const string Suffix = " (metadata)";

    private readonly CsvColumn[] _channel;
    private readonly CsvColumn[] _campaign;
    private readonly CsvColumn _segment;
    private readonly StringPool _labels = new();

    public StripeMetadataColumns(CsvHeader header)
    {
        _channel = [Column(header, "channel"), Column(header, "acquisition_channel"), Column(header, "utm_source")];
        _campaign = [Column(header, "campaign"), Column(header, "utm_campaign")];
        _segment = Column(header, "segment");
    }

    /// <summary>Whether a normalised header name is a metadata column.</summary>
    public static bool IsMetadata(string normalisedName) =>
        normalisedName.Length > Suffix.Length && normalisedName.EndsWith(Suffix, StringComparison.Ordinal);

    public string? Channel(CsvRecord record)
    {
        foreach (var column in _channel)
        {
            var text = record.Span(column);
            if (!text.IsEmpty)
            {
                return _labels.Get(StripeChannels.Normalise(text));
            }
        }

        return null;
    }

    public string? Campaign(CsvRecord record)
    {
        foreach (var column in _campaign)
        {
            if (record.Text(column, _labels) is { } campaign)
            {
                return campaign;
            }
        }

        return null;
    }

    public string? Segment(CsvRecord record) => record.Text(_segment, _labels);

    private static CsvColumn Column(CsvHeader header, string key) => header.Column(string.Concat(key, Suffix));
}
