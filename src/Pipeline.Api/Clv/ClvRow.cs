using Pipeline.Api.Http;
using Pipeline.Application.Clv;
using Pipeline.Domain;

namespace Pipeline.Api.Clv;

/// <summary>One group and billing period of the customer value (METRICS.md §8) as BI tools read it.</summary>
/// <remarks>
/// Amounts are in <see cref="Currency"/> rounded to its minor unit here and nowhere else; model parameters have six
/// decimals, the log-likelihood four. A group that cannot be fitted has null model figures and amounts and a
/// <see cref="Note"/> saying why; the counts and CAC stay. In CSV <see cref="Retention"/> becomes the columns
/// <c>retention1</c> … <c>retention12</c> (<see cref="Http.CsvColumnsAttribute"/>).
/// </remarks>
public sealed record ClvRow
{
    /// <summary>Renewals the retention curve is published for.</summary>
    public const int RetentionPeriods = 12;

    private const int Decimals = 6;

    [CellFormat(CellFormat.Month)]
    public required string AsOf { get; init; }

    public required string Dimension { get; init; }

    public required string Segment { get; init; }

    /// <summary><c>month</c>, <c>quarter</c>, <c>year</c>, or <c>k-month</c> for another billing period.</summary>
    public required string Period { get; init; }

    public required string Model { get; init; }

    public required string Currency { get; init; }

    /// <summary>Customers in the group's renewal cohorts.</summary>
    public long Customers { get; init; }

    public double? Alpha { get; init; }

    public double? Beta { get; init; }

    public double? LogLikelihood { get; init; }

    /// <summary>Σ S(t) in billing periods; null without a fit, or when α ≤ 1 (the mean lifetime is infinite, the discounted values are not).</summary>
    public double? ExpectedLifetimePeriods { get; init; }

    /// <summary>The retention rate r_t at renewals 1 … 12; empty without a fit.</summary>
    [Http.CsvColumns(RetentionPeriods)]
    public IReadOnlyList<decimal> Retention { get; init; } = [];

    public int ActiveCustomers { get; init; }

    public decimal? ResidualClv { get; init; }

    public decimal? MeanResidualClv { get; init; }

    public decimal? ClvAtAcquisition { get; init; }

    public decimal? Cac { get; init; }

    public decimal? ClvToCac { get; init; }

    /// <summary>The yearly discount rate (<c>Pipeline:ClvDiscountRate</c>).</summary>
    public decimal DiscountRate { get; init; }

    /// <summary>Why the group has no fit; null when it has one.</summary>
    public string? Note { get; init; }

    /// <summary>The close version of <c>asOf</c> the figures are as of (computed from the imports that close read); empty for an open month.</summary>
    public int? CloseVersion { get; init; }

    public static ClvRow From(ClvGroup group, BillingMonth asOf, CurrencyCode currency, int? closeVersion = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        var model = group.Fit.Model;
        return new ClvRow
        {
            AsOf = asOf.ToString(),
            Dimension = group.Dimension,
            Segment = group.Segment,
            Period = PeriodName(group.PeriodMonths),
            Model = "sBG",
            Currency = currency.ToString(),
            Customers = group.Fit.Customers,
            Alpha = Round(model?.Alpha),
            Beta = Round(model?.Beta),
            LogLikelihood = group.Fit.LogLikelihood is { } logLikelihood ? Math.Round(logLikelihood, 4) : null,
            ExpectedLifetimePeriods = Round(model?.ExpectedLifetime),
            Retention = model is null
                ? []
                : [.. Enumerable.Range(1, RetentionPeriods).Select(t => decimal.Round((decimal)model.RetentionRate(t), Decimals, MidpointRounding.AwayFromZero))],
            ActiveCustomers = group.ActiveCustomers,
            ResidualClv = Money(group.ResidualClv, currency),
            MeanResidualClv = Money(group.MeanResidualClv, currency),
            ClvAtAcquisition = Money(group.ClvAtAcquisition, currency),
            Cac = Money(group.Cac, currency),
            ClvToCac = group.ClvToCac is { } ratio ? decimal.Round(ratio, Decimals, MidpointRounding.AwayFromZero) : null,
            DiscountRate = group.DiscountRate,
            Note = group.Fit.Note,
            CloseVersion = closeVersion,
        };
    }

    /// <summary>The name of a billing period of <paramref name="months"/> months.</summary>
    public static string PeriodName(int months) => months switch
    {
        1 => "month",
        3 => "quarter",
        12 => "year",
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{months}-month"),
    };

    private static double? Round(double? value) => value is { } number ? Math.Round(number, Decimals) : null;

    private static decimal? Money(decimal? amount, CurrencyCode currency) => amount is { } value ? currency.Round(value) : null;
}
