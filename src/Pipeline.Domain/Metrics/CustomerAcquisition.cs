namespace Pipeline.Domain.Metrics;

/// <summary>Matches a month's spend with the new customers of each acquisition channel: the inputs of CAC (METRICS.md §4).</summary>
/// <remarks>
/// A channel is paid when it is a paid-media channel (<see cref="SpendRecord.IsPaidMediaChannel"/>) or when any of its
/// spend rows that month is marked paid, so a tenant's own paid label counts without configuration. New customers
/// are attributed by their master-data channel; customers without one (or unknown to master data) count under
/// <see cref="UnknownChannel"/> rather than vanishing, so the per-channel counts add up to the month's total.
/// Channel labels are compared ordinally: ingestion gives spend and customers the same lower-case vocabulary.
/// </remarks>
public static class CustomerAcquisition
{
    /// <summary>The channel of new customers whose acquisition channel is not known.</summary>
    public const string UnknownChannel = "unknown";

    /// <summary>Spend and new customers of <paramref name="month"/>, in total and per channel.</summary>
    /// <param name="month">The month; spend rows of other months are ignored (and not converted).</param>
    /// <param name="spend">Spend rows, in any currency.</param>
    /// <param name="toReportingCurrency">Converts a row's amount at the month's rate; a missing rate should throw.</param>
    /// <param name="newCustomerIds">The customers with a New movement in the month (reactivations excluded).</param>
    /// <param name="customers">Customer master data by customer id, for the acquisition channel.</param>
    public static CustomerAcquisitionFigures Of(
        BillingMonth month,
        IEnumerable<SpendRecord> spend,
        Func<SpendRecord, decimal> toReportingCurrency,
        IEnumerable<string> newCustomerIds,
        IReadOnlyDictionary<string, CustomerRecord> customers)
    {
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(toReportingCurrency);
        ArgumentNullException.ThrowIfNull(newCustomerIds);
        ArgumentNullException.ThrowIfNull(customers);

        var rows = spend
            .Where(row => row.Month == month)
            .Select(row => (row.Channel, row.Paid, Amount: toReportingCurrency(row)))
            .ToList();
        var channels = Channels(rows, NewCustomersByChannel(newCustomerIds, customers));
        return new CustomerAcquisitionFigures(
            rows.Sum(row => row.Amount),
            rows.Where(row => row.Paid).Sum(row => row.Amount),
            channels.Sum(channel => channel.NewCustomers),
            channels.Where(channel => channel.IsPaid).Sum(channel => channel.NewCustomers),
            channels);
    }

    private static List<ChannelAcquisition> Channels(
        List<(string Channel, bool Paid, decimal Amount)> rows, Dictionary<string, int> newByChannel)
    {
        var spendByChannel = rows
            .GroupBy(row => row.Channel, StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => (Amount: group.Sum(row => row.Amount), AnyPaid: group.Any(row => row.Paid)),
                StringComparer.Ordinal);

        return spendByChannel.Keys
            .Union(newByChannel.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(channel =>
            {
                var (amount, anyPaid) = spendByChannel.GetValueOrDefault(channel);
                var paid = anyPaid || SpendRecord.IsPaidMediaChannel(channel);
                return new ChannelAcquisition(channel, amount, paid, newByChannel.GetValueOrDefault(channel));
            })
            .ToList();
    }

    private static Dictionary<string, int> NewCustomersByChannel(
        IEnumerable<string> newCustomerIds, IReadOnlyDictionary<string, CustomerRecord> customers) =>
        newCustomerIds
            .Distinct(StringComparer.Ordinal)
            .GroupBy(id => ChannelOf(id, customers), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

    private static string ChannelOf(string customerId, IReadOnlyDictionary<string, CustomerRecord> customers) =>
        customers.GetValueOrDefault(customerId)?.Channel is { } channel && !string.IsNullOrWhiteSpace(channel)
            ? channel
            : UnknownChannel;
}
