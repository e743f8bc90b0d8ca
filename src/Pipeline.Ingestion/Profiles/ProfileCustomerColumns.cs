using Pipeline.Domain;
using Pipeline.Ingestion.Csv;

namespace Pipeline.Ingestion.Profiles;

/// <summary>Reads the customer attributes a profile maps: name, e-mail, country, segment, channel, campaign.</summary>
/// <remarks>Countries are ISO 3166-1 alpha-2 (upper-cased); e-mail addresses are lower-cased.</remarks>
internal sealed class ProfileCustomerColumns(Func<string, CsvColumn> column)
{
    private readonly CsvColumn _name = column(MappingProfileFields.CustomerName);
    private readonly CsvColumn _email = column(MappingProfileFields.Email);
    private readonly CsvColumn _country = column(MappingProfileFields.Country);
    private readonly CsvColumn _segment = column(MappingProfileFields.Segment);
    private readonly CsvColumn _channel = column(MappingProfileFields.Channel);
    private readonly CsvColumn _campaign = column(MappingProfileFields.Campaign);
    private readonly StringPool _labels = new();

    /// <summary>The row's attributes, or null when it has none (invalid values are reported on the record).</summary>
    public CustomerRecord? Read(CsvRecord record, string customerId)
    {
        var customer = new CustomerRecord
        {
            CustomerId = customerId,
            Name = record.Text(_name, _labels),
            Email = ReadEmail(record),
            Country = ReadCountry(record),
            Segment = record.Text(_segment, _labels),
            Channel = record.Text(_channel, _labels),
            Campaign = record.Text(_campaign, _labels),
            RowNumber = record.Row,
        };
        return customer is { Name: null, Email: null, Country: null, Segment: null, Channel: null, Campaign: null } ? null : customer;
    }

    private string? ReadCountry(CsvRecord record)
    {
        var text = record.Span(_country);
        if (text.IsEmpty)
        {
            return null;
        }

        if (text.Length == 2 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]))
        {
            return _labels.Get([char.ToUpperInvariant(text[0]), char.ToUpperInvariant(text[1])]);
        }

        record.Fail(_country, string.Concat("'", record.Written(_country),
            "' is not a country code: expected a two-letter ISO 3166-1 code such as NL, DE or US."));
        return null;
    }

    private string? ReadEmail(CsvRecord record)
    {
        var text = record.Span(_email);
        var at = text.IndexOf('@');
        if (text.IsEmpty || (at > 0 && at < text.Length - 1))
        {
            return text.IsEmpty ? null : text.ToString().ToLowerInvariant();
        }

        record.Fail(_email, string.Concat("'", record.Written(_email), "' is not an e-mail address: expected something like name@example.com."));
        return null;
    }
}
