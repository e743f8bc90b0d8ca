using Pipeline.Domain;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Canonical;

/// <summary>Reads the customer attributes of a row: from a customers file, or the attribute columns of a revenue-lines file.</summary>
/// <remarks>Countries are ISO 3166-1 alpha-2 and upper-cased; e-mail addresses are lower-cased.</remarks>
internal sealed class CustomerAttributeColumns
{
    private readonly CsvColumn _name;
    private readonly CsvColumn _email;
    private readonly CsvColumn _country;
    private readonly CsvColumn _segment;
    private readonly CsvColumn _channel;
    private readonly CsvColumn _campaign;
    private readonly InstantColumn? _createdAt;
    private readonly CsvColumn _referredBy;
    private readonly StringPool _labels = new();

    private CustomerAttributeColumns(CsvColumn name, CsvColumn email, CsvColumn country, CsvColumn segment, CsvColumn channel,
        CsvColumn campaign, InstantColumn? createdAt, CsvColumn? referredBy = null)
    {
        _name = name;
        _email = email;
        _country = country;
        _segment = segment;
        _channel = channel;
        _campaign = campaign;
        _createdAt = createdAt;
        _referredBy = referredBy ?? new CsvColumn(-1, CanonicalColumns.ReferredBy);
    }

    /// <summary>The A1 attribute columns: <c>customer_name</c>, <c>country</c>, <c>segment</c>, <c>channel</c>.</summary>
    public static CustomerAttributeColumns ForRevenueLines(CsvHeader header) =>
        new(header.Column(CanonicalColumns.CustomerName), new CsvColumn(-1, CanonicalColumns.Email), header.Column(CanonicalColumns.Country),
            header.Column(CanonicalColumns.Segment), header.Column(CanonicalColumns.Channel), new CsvColumn(-1, CanonicalColumns.Campaign),
            createdAt: null);

    /// <summary>
    /// The A2 columns: <c>name</c>, <c>email</c>, <c>country</c>, <c>segment</c>, <c>channel</c>, <c>campaign</c>, <c>created_at</c>,
    /// <c>referred_by</c>.
    /// </summary>
    public static CustomerAttributeColumns ForCustomers(CsvHeader header, TimeZoneInfo timeZone) =>
        new(header.Column(CanonicalColumns.Name), header.Column(CanonicalColumns.Email), header.Column(CanonicalColumns.Country),
            header.Column(CanonicalColumns.Segment), header.Column(CanonicalColumns.Channel), header.Column(CanonicalColumns.Campaign),
            new InstantColumn(header.Column(CanonicalColumns.CreatedAt), timeZone), header.Column(CanonicalColumns.ReferredBy));

    /// <summary>Attribute columns found elsewhere (a mapping profile's), without a creation date; an absent column reads as empty.</summary>
    public static CustomerAttributeColumns Of(CsvColumn name, CsvColumn email, CsvColumn country, CsvColumn segment, CsvColumn channel,
        CsvColumn campaign) =>
        new(name, email, country, segment, channel, campaign, createdAt: null);

    /// <summary>Whether the file has any of the attribute columns (a row without them has no record to compare).</summary>
    public bool HasColumns =>
        _name.IsPresent || _email.IsPresent || _country.IsPresent || _segment.IsPresent || _channel.IsPresent
        || _campaign.IsPresent || _createdAt?.Column.IsPresent == true || _referredBy.IsPresent;

    /// <summary>The customer's attributes, or null when the row has none (invalid values are reported on the record).</summary>
    public CustomerRecord? Read(CsvRecord record, string customerId)
    {
        var customer = new CustomerRecord
        {
            CustomerId = customerId,
            Name = record.Text(_name),
            Email = ContactColumns.ReadEmail(record, _email),
            Country = ContactColumns.ReadCountry(record, _country, _labels),
            Segment = record.Text(_segment, _labels),
            Channel = record.Text(_channel, _labels),
            Campaign = record.Text(_campaign, _labels),
            CreatedAt = _createdAt?.Read(record),
            ReferredBy = ReadReferredBy(record, customerId),
            RowNumber = record.Row,
        };
        var isEmpty = customer.Name is null && customer.Email is null && customer.Country is null && customer.Segment is null
            && customer.Channel is null && customer.Campaign is null && customer.CreatedAt is null && customer.ReferredBy is null;
        return isEmpty ? null : customer;
    }

    /// <summary>The referring customer's id; a customer cannot bring itself in, so its own id is a row error.</summary>
    private string? ReadReferredBy(CsvRecord record, string customerId)
    {
        var referredBy = record.Text(_referredBy);
        if (referredBy is not null && string.Equals(referredBy, customerId, StringComparison.Ordinal))
        {
            record.Fail(_referredBy,
                $"referred_by '{referredBy}' is the customer's own id: give the id of the customer who brought this one in, or leave it empty.");
            return null;
        }

        return referredBy;
    }

    /// <summary>
    /// The hash of the row's attribute values as they are read (see <see cref="CustomerValuesHash"/>; e-mail address and
    /// country in the case they are read in), to compare with the customer's last record without reading them; <paramref name="none"/> when
    /// every attribute is empty (the row has no record, see <see cref="Read"/>).
    /// </summary>
    /// <remarks>Lets a revenue-lines file repeat a customer's attributes on each line without a record per line.</remarks>
    public ulong ValuesHash(CsvRecord record, ReadOnlySpan<char> customerId, out bool none)
    {
        var hash = new CustomerValuesHash(customerId);
        hash.Add(0, record.Span(_name));
        hash.Add(1, record.Span(_email), CaseFold.Lower);
        hash.Add(2, record.Span(_country), CaseFold.Upper);
        hash.Add(3, record.Span(_segment));
        hash.Add(4, record.Span(_channel));
        hash.Add(5, record.Span(_campaign));
        hash.Add(6, record.Span(_referredBy));
        if (_createdAt is not null)
        {
            hash.Add(7, record.Span(_createdAt.Column));
        }

        none = !hash.HasValues;
        return hash.Value;
    }
}
