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
            Email = ContactColumns.ReadEmail(record, email),
            Country = ContactColumns.ReadCountry(record, country, _labels),
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
}
