using System.Globalization;
using Pipeline.Application.Clv;
using Pipeline.Domain.Clv;

namespace Pipeline.Api.Clv;

/// <summary>One group of the non-contractual purchase models (BG/NBD and Gamma-Gamma, METRICS.md §8), the same in JSON and CSV.</summary>
/// <remarks>
/// Model parameters have six decimals, log-likelihoods four. A model the group's data cannot identify has null
/// parameters and a note saying why (<see cref="Note"/> for BG/NBD, <see cref="SpendNote"/> for Gamma-Gamma): never a
/// made-up number. α is in <see cref="Unit"/>s, γ in <see cref="Currency"/>.
/// </remarks>
public sealed record PurchaseRow
{
    private const int Decimals = 6;

    public required string CalibrationEnd { get; init; }

    /// <summary><c>day</c>, <c>week</c> or <c>month</c>.</summary>
    public required string Unit { get; init; }

    public required string Dimension { get; init; }

    public required string Segment { get; init; }

    public required string Currency { get; init; }

    /// <summary>Customers with a purchase on or before the calibration end.</summary>
    public int Customers { get; init; }

    /// <summary>Customers with a purchase day after their first (x &gt; 0).</summary>
    public int RepeatBuyers { get; init; }

    public double? R { get; init; }

    public double? Alpha { get; init; }

    public double? A { get; init; }

    public double? B { get; init; }

    public double? LogLikelihood { get; init; }

    public double? P { get; init; }

    public double? Q { get; init; }

    public double? Gamma { get; init; }

    public double? SpendLogLikelihood { get; init; }

    /// <summary>Why BG/NBD has no fit; null when it has one.</summary>
    public string? Note { get; init; }

    /// <summary>Why Gamma-Gamma has no fit; null when it has one.</summary>
    public string? SpendNote { get; init; }

    public static PurchaseRow From(PurchaseGroup group, PurchaseReport report)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(report);
        var (purchases, spend) = (group.Purchases.Model, group.Spend.Model);
        return new PurchaseRow
        {
            CalibrationEnd = report.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Unit = UnitName(report.Unit),
            Dimension = group.Dimension,
            Segment = group.Segment,
            Currency = report.Currency.ToString(),
            Customers = group.Purchases.Customers,
            RepeatBuyers = group.Purchases.RepeatBuyers,
            R = Round(purchases?.R),
            Alpha = Round(purchases?.Alpha),
            A = Round(purchases?.A),
            B = Round(purchases?.B),
            LogLikelihood = group.Purchases.LogLikelihood is { } logLikelihood ? Math.Round(logLikelihood, 4) : null,
            P = Round(spend?.P),
            Q = Round(spend?.Q),
            Gamma = Round(spend?.Gamma),
            SpendLogLikelihood = group.Spend.LogLikelihood is { } spendLogLikelihood ? Math.Round(spendLogLikelihood, 4) : null,
            Note = group.Purchases.Note,
            SpendNote = group.Spend.Note,
        };
    }

    /// <summary>The query and column name of a time unit.</summary>
    public static string UnitName(PurchaseTimeUnit unit) => unit switch
    {
        PurchaseTimeUnit.Day => "day",
        PurchaseTimeUnit.Week => "week",
        PurchaseTimeUnit.Month => "month",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    private static double? Round(double? value) => value is { } number ? Math.Round(number, Decimals) : null;
}
