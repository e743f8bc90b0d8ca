namespace Pipeline.Domain.Metrics;

/// <summary>One acquisition channel in one month: its spend and the new customers it brought (METRICS.md §4).</summary>
/// <param name="Channel">The channel label, or <see cref="CustomerAcquisition.UnknownChannel"/> for customers without one.</param>
/// <param name="Spend">The channel's spend of the month, reporting currency.</param>
/// <param name="IsPaid">True when the channel is a paid channel this month (paid-media channel or a paid spend row).</param>
/// <param name="NewCustomers">New customers of the month whose acquisition channel is this channel.</param>
public sealed record ChannelAcquisition(string Channel, decimal Spend, bool IsPaid, int NewCustomers)
{
    /// <summary>CAC by channel: spend ÷ new customers of the channel; null when the channel brought none.</summary>
    public decimal? Cac => NewCustomers == 0 ? null : Spend / NewCustomers;
}
