using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Api.Cohorts;

/// <summary>One cohort as BI tools read it: size, starting MRR, and retention by months since start (m0, m1, …).</summary>
/// <remarks>In CSV the retention list becomes the columns <c>m0</c> … <c>mN</c>; a month not reached yet is an empty cell.</remarks>
public sealed record CohortRowDto(string Cohort, string Metric, int Size, decimal StartMrr, IReadOnlyList<decimal?> Retention)
{
    private const int RateDecimals = 6;

    public static CohortRowDto From(CohortRow row, CohortMetric metric, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new CohortRowDto(
            row.Cohort.ToString(),
            metric == CohortMetric.Logo ? "logo" : "revenue",
            row.Size,
            currency.Round(row.StartMrr),
            row.Retention.Select(value => value is { } rate ? decimal.Round(rate, RateDecimals, MidpointRounding.AwayFromZero) + 0.000000m : (decimal?)null).ToList());
    }
}
