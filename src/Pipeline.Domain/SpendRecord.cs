using System.Globalization;

namespace Pipeline.Domain;

/// <summary>Sales and marketing spend of one channel (and campaign) in one month or on one day: the numerator of CAC.</summary>
/// <remarks>
/// Keyed by (day or month, channel, campaign): a later file with the same key replaces the earlier row, so a
/// corrected spend sheet can simply be dropped again. Amounts are in major units of <see cref="Currency"/>.
/// </remarks>
public sealed record SpendRecord
{
    /// <summary>The day, when the source gives one.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The month the spend counts in (the month of <see cref="Date"/> when a day is given).</summary>
    public required BillingMonth Month { get; init; }

    /// <summary>Acquisition channel, same vocabulary as <see cref="CustomerRecord.Channel"/> (lower case).</summary>
    public required string Channel { get; init; }

    public string? Campaign { get; init; }

    public required decimal Amount { get; init; }

    public required CurrencyCode Currency { get; init; }

    /// <summary>Paid media (counts for paid CAC); defaults to true for the paid-media channels.</summary>
    public bool Paid { get; init; }

    public long RowNumber { get; init; }

    /// <summary>The replacement key: day (or month), channel and campaign.</summary>
    public string Key => string.Join(
        '|',
        Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Month.ToString(),
        Channel,
        Campaign ?? string.Empty);

    /// <summary>The channels whose spend is paid media unless a file says otherwise.</summary>
    public static bool IsPaidMediaChannel(string channel) =>
        channel is "google_ads" or "meta_ads" or "linkedin_ads" or "microsoft_ads";
}
