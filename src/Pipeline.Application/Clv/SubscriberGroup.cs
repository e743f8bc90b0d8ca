using Pipeline.Application.Clv.Estimation;

namespace Pipeline.Application.Clv;

/// <summary>The subscribers of one segment on one billing period, with the sBG fit of their renewal cohorts.</summary>
/// <param name="Dimension">The grouping: <c>all</c>, a segment dimension, or <c>cohort</c>.</param>
/// <param name="Segment">The group's value of the dimension (<c>(none)</c> for a missing attribute; <c>all</c> without a dimension).</param>
/// <param name="PeriodMonths">The billing period in months.</param>
/// <param name="Fit">The fit, or the note why there is none.</param>
/// <param name="Members">The group's subscribers, ordered by customer id.</param>
public sealed record SubscriberGroup(string Dimension, string Segment, int PeriodMonths, RetentionFit Fit, IReadOnlyList<Subscriber> Members)
{
    /// <summary>The members whose tenure runs through <c>asOf</c>.</summary>
    public IReadOnlyList<Subscriber> Active { get; } = [.. Members.Where(member => member.IsActive)];
}
