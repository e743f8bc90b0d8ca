namespace Pipeline.Api.Clv;

/// <summary>A <see cref="ClvRow"/> as one CSV line: the retention curve spread over the columns <c>retention1</c> … <c>retention12</c>.</summary>
public sealed record ClvCsvRow
{
    public required string AsOf { get; init; }

    public required string Dimension { get; init; }

    public required string Segment { get; init; }

    public required string Period { get; init; }

    public required string Model { get; init; }

    public required string Currency { get; init; }

    public long Customers { get; init; }

    public double? Alpha { get; init; }

    public double? Beta { get; init; }

    public double? LogLikelihood { get; init; }

    public double? ExpectedLifetimePeriods { get; init; }

    public decimal? Retention1 { get; init; }

    public decimal? Retention2 { get; init; }

    public decimal? Retention3 { get; init; }

    public decimal? Retention4 { get; init; }

    public decimal? Retention5 { get; init; }

    public decimal? Retention6 { get; init; }

    public decimal? Retention7 { get; init; }

    public decimal? Retention8 { get; init; }

    public decimal? Retention9 { get; init; }

    public decimal? Retention10 { get; init; }

    public decimal? Retention11 { get; init; }

    public decimal? Retention12 { get; init; }

    public int ActiveCustomers { get; init; }

    public decimal? ResidualClv { get; init; }

    public decimal? MeanResidualClv { get; init; }

    public decimal? ClvAtAcquisition { get; init; }

    public decimal? Cac { get; init; }

    public decimal? ClvToCac { get; init; }

    public decimal DiscountRate { get; init; }

    public string? Note { get; init; }

    public static ClvCsvRow From(ClvRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ClvCsvRow
        {
            AsOf = row.AsOf,
            Dimension = row.Dimension,
            Segment = row.Segment,
            Period = row.Period,
            Model = row.Model,
            Currency = row.Currency,
            Customers = row.Customers,
            Alpha = row.Alpha,
            Beta = row.Beta,
            LogLikelihood = row.LogLikelihood,
            ExpectedLifetimePeriods = row.ExpectedLifetimePeriods,
            Retention1 = At(row.Retention, 1),
            Retention2 = At(row.Retention, 2),
            Retention3 = At(row.Retention, 3),
            Retention4 = At(row.Retention, 4),
            Retention5 = At(row.Retention, 5),
            Retention6 = At(row.Retention, 6),
            Retention7 = At(row.Retention, 7),
            Retention8 = At(row.Retention, 8),
            Retention9 = At(row.Retention, 9),
            Retention10 = At(row.Retention, 10),
            Retention11 = At(row.Retention, 11),
            Retention12 = At(row.Retention, 12),
            ActiveCustomers = row.ActiveCustomers,
            ResidualClv = row.ResidualClv,
            MeanResidualClv = row.MeanResidualClv,
            ClvAtAcquisition = row.ClvAtAcquisition,
            Cac = row.Cac,
            ClvToCac = row.ClvToCac,
            DiscountRate = row.DiscountRate,
            Note = row.Note,
        };
    }

    /// <summary>The retention rate at renewal <paramref name="t"/> (1-based); null when the row has none.</summary>
    private static decimal? At(IReadOnlyList<decimal> retention, int t) => t <= retention.Count ? retention[t - 1] : null;
}
