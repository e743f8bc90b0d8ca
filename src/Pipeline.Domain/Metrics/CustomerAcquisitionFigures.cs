namespace Pipeline.Domain.Metrics;

/// <summary>A month's acquisition spend and new customers, in total, for paid media, and per channel.</summary>
/// <param name="Spend">All sales and marketing spend of the month, reporting currency.</param>
/// <param name="PaidSpend">The spend rows marked as paid media.</param>
/// <param name="NewCustomers">Distinct new customers of the month.</param>
/// <param name="PaidNewCustomers">New customers whose acquisition channel is a paid channel this month.</param>
/// <param name="Channels">Every channel with spend or new customers, ordered by channel (ordinal).</param>
public sealed record CustomerAcquisitionFigures(
    decimal Spend,
    decimal PaidSpend,
    int NewCustomers,
    int PaidNewCustomers,
    IReadOnlyList<ChannelAcquisition> Channels);
