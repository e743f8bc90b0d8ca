using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Stripe;

/// <summary>The customer columns of a Stripe export: name, e-mail, country, creation time and metadata attributes.</summary>
/// <remarks>
/// Each export names them differently (<c>Customer Name</c> or the older <c>Customer Description</c>, <c>Customer
/// Address Country</c> or <c>Address Country</c>), so the caller passes the columns; absent ones read as empty.
/// E-mail addresses are lower-cased, countries upper-cased ISO 3166-1 alpha-2; a malformed value is a row error.
/// </remarks>
internal sealed class StripeCustomerColumns(
    CsvColumn[] name, CsvColumn email, CsvColumn country, InstantColumn? createdAt, StripeMetadataColumns? metadata)
{
    private readonly StringPool _labels = new();

    /// <summary>The first present column among <paramref name="names"/> (normalised), else the absent first one.</summary>
    public static CsvColumn FirstPresent(CsvHeader header, params string[] names) =>
        names.Select(header.Column).FirstOrDefault(column => column.IsPresent, header.Column(names[0]));

    /// <summary>The customer's record, or null when the row says nothing about it besides the id.</summary>
    public CustomerRecord? Read(CsvRecord record, string customerId)
    {
        var customer = new CustomerRecord
        {
            CustomerId = customerId,
            Name = ReadName(record),
            Email = ReadEmail(record),
            Country = ReadCountry(record),
            Channel = metadata?.Channel(record),
            Segment = metadata?.Segment(record),
            Campaign = metadata?.Campaign(record),
            CreatedAt = createdAt?.Read(record),
            RowNumber = record.Row,
        };
        var isEmpty = customer.Name is null && customer.Email is null && customer.Country is null && customer.Channel is null
            && customer.Segment is null && customer.Campaign is null && customer.CreatedAt is null;
        return isEmpty ? null : customer;
    }

    private string? ReadName(CsvRecord record)
    {
        foreach (var column in name)
        {
            if (record.Text(column, _labels) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    private string? ReadEmail(CsvRecord record)
    {
        var text = record.Span(email);
        if (text.IsEmpty)
        {
            return null;
        }

        var at = text.IndexOf('@');
        if (at > 0 && at < text.Length - 1)
        {
            return text.ToString().ToLowerInvariant();
        }

        record.Fail(email, string.Concat("'", record.Written(email), "' is not an e-mail address: expected something like name@example.com."));
        return null;
    }

    private string? ReadCountry(CsvRecord record)
    {
        var text = record.Span(country);
        if (text.IsEmpty)
        {
            return null;
        }

        if (text.Length == 2 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]))
        {
            return _labels.Get([char.ToUpperInvariant(text[0]), char.ToUpperInvariant(text[1])]);
        }

        record.Fail(country, string.Concat("'", record.Written(country),
            "' is not a country code: expected a two-letter ISO 3166-1 code such as NL, DE or US."));
        return null;
    }
}
