using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Clv;

/// <summary>The group a customer is in for a CLV dimension, from what it was acquired on and its master data.</summary>
/// <remarks>
/// Plan, product and currency are those of the customer's first line (its first recurring line for a subscriber, its first
/// purchase line for a buyer); country, channel and segment its master data; cohort the month it started. A missing value
/// is <c>(none)</c>; without a dimension every customer is in <c>all</c>.
/// </remarks>
internal static class ClvSegments
{
    public static string Of(string? dimension, RevenueLine firstLine, BillingMonth start, CustomerRecord? customer)
    {
        var value = dimension switch
        {
            null => SubscriberBaseReader.All,
            SegmentDimensions.Plan => firstLine.Plan,
            SegmentDimensions.Product => firstLine.Product,
            SegmentDimensions.Currency => firstLine.Currency.ToString(),
            SegmentDimensions.Country => customer?.Country,
            SegmentDimensions.Channel => customer?.Channel,
            SegmentDimensions.Segment => customer?.Segment,
            _ => start.ToString(),
        };
        return string.IsNullOrEmpty(value) ? SegmentDimensions.None : value;
    }
}
