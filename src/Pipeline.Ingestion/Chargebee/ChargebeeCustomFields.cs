using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Chargebee;

/// <summary>The <c>subscriptions.cf_*</c> (and <c>customers.cf_*</c>) custom fields read as customer attributes.</summary>
/// <remarks><c>cf_channel</c>/<c>cf_acquisition_channel</c> → channel, <c>cf_segment</c> → segment, <c>cf_campaign</c> → campaign.</remarks>
internal sealed class ChargebeeCustomFields
{
    private readonly CsvColumn[] _channel;
    private readonly CsvColumn[] _segment;
    private readonly CsvColumn[] _campaign;
    private readonly StringPool _labels = new();

    public ChargebeeCustomFields(CsvHeader header)
    {
        _channel = Columns(header, ChargebeeColumns.ChannelFields);
        _segment = Columns(header, ChargebeeColumns.SegmentFields);
        _campaign = Columns(header, ChargebeeColumns.CampaignFields);
    }

    public static bool IsAttribute(string normalisedName) =>
        Suffix(normalisedName) is { } suffix
        && (ChargebeeColumns.ChannelFields.Contains(suffix) || ChargebeeColumns.SegmentFields.Contains(suffix)
            || ChargebeeColumns.CampaignFields.Contains(suffix));

    public CustomerRecord Apply(CsvRecord record, CustomerRecord customer) => customer with
    {
        Channel = First(record, _channel),
        Segment = First(record, _segment),
        Campaign = First(record, _campaign),
    };

    private static string? Suffix(string name) =>
        name.StartsWith(ChargebeeColumns.CustomFieldPrefix, StringComparison.Ordinal) ? name[ChargebeeColumns.CustomFieldPrefix.Length..]
        : name.StartsWith(ChargebeeColumns.CustomerCustomFieldPrefix, StringComparison.Ordinal) ? name[ChargebeeColumns.CustomerCustomFieldPrefix.Length..]
        : null;

    private static CsvColumn[] Columns(CsvHeader header, string[] suffixes) =>
        suffixes.SelectMany(suffix => new[] { ChargebeeColumns.CustomFieldPrefix + suffix, ChargebeeColumns.CustomerCustomFieldPrefix + suffix })
            .Where(header.Has).Select(header.Column).ToArray();

    private string? First(CsvRecord record, CsvColumn[] columns)
    {
        foreach (var column in columns)
        {
            if (record.Text(column, _labels) is { } value)
            {
                return value;
            }
        }

        return null;
    }
}
