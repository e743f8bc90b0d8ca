namespace Pipeline.Domain;

/// <summary>Master data of one customer, from a customers file or the attribute columns of a revenue-lines file.</summary>
/// <remarks>Later records for the same <see cref="CustomerId"/> update earlier ones, field by field (null keeps the old value).</remarks>
public sealed record CustomerRecord
{
    public required string CustomerId { get; init; }

    public string? Name { get; init; }

    /// <summary>Lower-cased e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code, upper case.</summary>
    public string? Country { get; init; }

    public string? Segment { get; init; }

    /// <summary>Acquisition channel (google_ads, organic, referral, … or the tenant's own label).</summary>
    public string? Channel { get; init; }

    public string? Campaign { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The id of the customer who brought this one in (EXPORTS.md A2 <c>referred_by</c>); never the customer's own id.</summary>
    public string? ReferredBy { get; init; }

    public long RowNumber { get; init; }

    /// <summary>This record with every null field filled from <paramref name="earlier"/>.</summary>
    public CustomerRecord UpdateOf(CustomerRecord earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return this with
        {
            Name = Name ?? earlier.Name,
            Email = Email ?? earlier.Email,
            Country = Country ?? earlier.Country,
            Segment = Segment ?? earlier.Segment,
            Channel = Channel ?? earlier.Channel,
            Campaign = Campaign ?? earlier.Campaign,
            CreatedAt = CreatedAt ?? earlier.CreatedAt,
            ReferredBy = ReferredBy ?? earlier.ReferredBy,
        };
    }
}
