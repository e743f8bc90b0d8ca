using Pipeline.Api.Http;
using Pipeline.Application.Clv;

namespace Pipeline.Api.Clv;

/// <summary>One group, billing period and future month of the CLV forecast (METRICS.md §8, per time unit), the same in JSON and CSV.</summary>
/// <remarks>
/// Amounts are in <see cref="Currency"/> rounded to its minor unit here and nowhere else; <see cref="ExpectedRenewals"/>
/// has six decimals. A group the model cannot fit has a single row with empty month and figures and a <see cref="Note"/>.
/// </remarks>
public sealed record ClvForecastRow
{
    private const int Decimals = 6;

    [CellFormat(CellFormat.Month)]
    public required string AsOf { get; init; }

    public required string Dimension { get; init; }

    public required string Segment { get; init; }

    /// <summary><c>month</c>, <c>quarter</c>, <c>year</c>, or <c>k-month</c>.</summary>
    public required string Period { get; init; }

    public required string Currency { get; init; }

    /// <summary>The future month (yyyy-MM); null on a group's note row.</summary>
    [CellFormat(CellFormat.Month)]
    public string? Month { get; init; }

    /// <summary>j: the month is <see cref="AsOf"/> + j.</summary>
    public int? MonthsAhead { get; init; }

    /// <summary>The group's active customers at <see cref="AsOf"/>: the base forecast.</summary>
    public int ActiveCustomers { get; init; }

    /// <summary>Σ P(renewing in the month) over the active customers.</summary>
    public decimal? ExpectedRenewals { get; init; }

    /// <summary>Σ per-period value × P(renewing in the month), undiscounted.</summary>
    public decimal? ExpectedRevenue { get; init; }

    /// <summary><see cref="ExpectedRevenue"/> discounted to the first month after <see cref="AsOf"/>.</summary>
    public decimal? DiscountedRevenue { get; init; }

    /// <summary>The yearly discount rate (<c>Pipeline:ClvDiscountRate</c>).</summary>
    public decimal DiscountRate { get; init; }

    /// <summary>Why the group has no forecast; null when it has one.</summary>
    public string? Note { get; init; }

    /// <summary>The close version of <c>asOf</c> the figures are as of (computed from the imports that close read); empty for an open month.</summary>
    public int? CloseVersion { get; init; }

    /// <summary>The rows of a forecast: each fitted group's months in order, one note row per unfitted group.</summary>
    public static IReadOnlyList<ClvForecastRow> From(ClvForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var rows = new List<ClvForecastRow>();
        foreach (var group in forecast.Groups)
        {
            var row = new ClvForecastRow
            {
                AsOf = forecast.AsOf.ToString(),
                Dimension = group.Dimension,
                Segment = group.Segment,
                Period = ClvRow.PeriodName(group.PeriodMonths),
                Currency = forecast.Currency.ToString(),
                ActiveCustomers = group.ActiveCustomers,
                DiscountRate = forecast.DiscountRate,
                Note = group.Note,
                CloseVersion = forecast.CloseVersion,
            };
            if (group.Months.Count == 0)
            {
                rows.Add(row);
                continue;
            }

            rows.AddRange(group.Months.Select(month => row with
            {
                Month = month.Month.ToString(),
                MonthsAhead = month.MonthsAhead,
                ExpectedRenewals = decimal.Round((decimal)month.ExpectedRenewals, Decimals, MidpointRounding.AwayFromZero),
                ExpectedRevenue = forecast.Currency.Round(month.ExpectedRevenue),
                DiscountedRevenue = forecast.Currency.Round(month.DiscountedRevenue),
            }));
        }

        return rows;
    }
}
