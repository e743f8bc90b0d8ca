using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Pipeline.Application.Clv;
using Pipeline.Application.Clv.Estimation;
using Pipeline.Domain;
using Pipeline.Domain.Clv;

namespace Pipeline.Storage.Entities;

/// <summary>
/// A row of the <c>CloseFigures</c> table's partition <c>{tenant}|clv</c> (keys in <see cref="CloseFigureKeys"/>): the
/// marker of a complete set of groups (<see cref="Groups"/> set), one <c>clv</c> group, or one <c>clv/forecast</c> group.
/// </summary>
/// <remarks>
/// Amounts are invariant decimal strings at full precision, model parameters and probabilities doubles (exact in Table
/// Storage), so a stored group reads back as the very figures it was computed with; a null figure is no property. A
/// forecast group's months are one JSON column (36 months are a few KiB).
/// </remarks>
internal sealed class ClvFitEntity : ITableEntity
{
    private static readonly JsonSerializerOptions MonthsJson = new(JsonSerializerDefaults.Web);

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";

    public string AsOf { get; set; } = "";

    public int Version { get; set; }

    public DateTimeOffset? ComputedAt { get; set; }

    /// <summary>On the marker: how many groups the set has.</summary>
    public int? Groups { get; set; }

    public string? Currency { get; set; }

    public string? DiscountRate { get; set; }

    public string? Dimension { get; set; }

    public string? Segment { get; set; }

    public int PeriodMonths { get; set; }

    public double? Alpha { get; set; }

    public double? Beta { get; set; }

    public double? LogLikelihood { get; set; }

    public long Customers { get; set; }

    public long Churned { get; set; }

    public int MaxRenewals { get; set; }

    public string? Note { get; set; }

    public int ActiveCustomers { get; set; }

    public string? ResidualClv { get; set; }

    public string? MeanResidualClv { get; set; }

    public string? ClvAtAcquisition { get; set; }

    public string? Cac { get; set; }

    /// <summary>A forecast group's months: JSON array of [month, monthsAhead, expectedRenewals, expectedRevenue, discountedRevenue].</summary>
    public string? Months { get; set; }

    public static ClvFitEntity Marker(
        TenantId tenant, string kind, string? dimension, BillingMonth asOf, int version, CurrencyCode currency, decimal discountRate,
        int groups, DateTimeOffset computedAt) => new()
    {
        PartitionKey = CloseFigureKeys.ClvPartition(tenant),
        RowKey = CloseFigureKeys.ClvSet(asOf, version, kind, dimension),
        Kind = kind,
        AsOf = asOf.ToString(),
        Version = version,
        ComputedAt = computedAt,
        Groups = groups,
        Currency = currency.Code,
        DiscountRate = StoredDecimal.Format(discountRate),
        Dimension = dimension,
    };

    public static ClvFitEntity From(TenantId tenant, string? dimension, BillingMonth asOf, int version, ClvGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var fit = group.Fit;
        return new()
        {
            PartitionKey = CloseFigureKeys.ClvPartition(tenant),
            RowKey = CloseFigureKeys.ClvGroup(asOf, version, TableClvFitStore.ClvKind, dimension, group.Segment, group.PeriodMonths),
            Kind = TableClvFitStore.ClvKind,
            AsOf = asOf.ToString(),
            Version = version,
            Dimension = group.Dimension,
            Segment = group.Segment,
            PeriodMonths = group.PeriodMonths,
            Alpha = fit.Model?.Alpha,
            Beta = fit.Model?.Beta,
            LogLikelihood = fit.LogLikelihood,
            Customers = fit.Customers,
            Churned = fit.Churned,
            MaxRenewals = fit.MaxRenewals,
            Note = fit.Note,
            ActiveCustomers = group.ActiveCustomers,
            ResidualClv = StoredDecimal.Format(group.ResidualClv),
            MeanResidualClv = StoredDecimal.Format(group.MeanResidualClv),
            ClvAtAcquisition = StoredDecimal.Format(group.ClvAtAcquisition),
            Cac = StoredDecimal.Format(group.Cac),
            DiscountRate = StoredDecimal.Format(group.DiscountRate),
        };
    }

    public static ClvFitEntity From(TenantId tenant, string? dimension, BillingMonth asOf, int version, ClvGroupForecast group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new()
        {
            PartitionKey = CloseFigureKeys.ClvPartition(tenant),
            RowKey = CloseFigureKeys.ClvGroup(asOf, version, TableClvFitStore.ForecastKind, dimension, group.Segment, group.PeriodMonths),
            Kind = TableClvFitStore.ForecastKind,
            AsOf = asOf.ToString(),
            Version = version,
            Dimension = group.Dimension,
            Segment = group.Segment,
            PeriodMonths = group.PeriodMonths,
            ActiveCustomers = group.ActiveCustomers,
            Note = group.Note,
            Months = JsonSerializer.Serialize(
                group.Months.Select(month => new object[]
                {
                    month.Month.ToString(), month.MonthsAhead, month.ExpectedRenewals,
                    StoredDecimal.Format(month.ExpectedRevenue), StoredDecimal.Format(month.DiscountedRevenue),
                }),
                MonthsJson),
        };
    }

    public ClvGroup ToGroup()
    {
        ShiftedBetaGeometric? model = Alpha is { } alpha && Beta is { } beta ? new(alpha, beta) : null;
        return new ClvGroup(
            Dimension ?? "",
            Segment ?? "",
            PeriodMonths,
            new RetentionFit(model, LogLikelihood, Customers, Churned, MaxRenewals, Note),
            ActiveCustomers,
            StoredDecimal.ParseOptional(ResidualClv, nameof(ResidualClv)),
            StoredDecimal.ParseOptional(MeanResidualClv, nameof(MeanResidualClv)),
            StoredDecimal.ParseOptional(ClvAtAcquisition, nameof(ClvAtAcquisition)),
            StoredDecimal.ParseOptional(Cac, nameof(Cac)),
            StoredDecimal.Parse(DiscountRate, nameof(DiscountRate)));
    }

    public ClvGroupForecast ToForecast()
    {
        using var months = JsonDocument.Parse(Months ?? "[]");
        return new ClvGroupForecast(
            Dimension ?? "",
            Segment ?? "",
            PeriodMonths,
            ActiveCustomers,
            Note,
            [
                .. months.RootElement.EnumerateArray().Select(month => new ClvForecastMonth(
                    BillingMonth.Parse(month[0].GetString()!),
                    month[1].GetInt32(),
                    month[2].GetDouble(),
                    StoredDecimal.Parse(month[3].GetString(), nameof(Months)),
                    StoredDecimal.Parse(month[4].GetString(), nameof(Months)))),
            ]);
    }

    /// <summary>The marker's month, version, currency and discount rate.</summary>
    public (BillingMonth AsOf, int Version, CurrencyCode Currency, decimal DiscountRate) Set() =>
        (BillingMonth.Parse(AsOf), Version, CurrencyCode.Parse(Currency ?? ""), StoredDecimal.Parse(DiscountRate, nameof(DiscountRate)));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PartitionKey} {RowKey}");
}
