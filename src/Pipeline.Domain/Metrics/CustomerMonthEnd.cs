namespace Pipeline.Domain.Metrics;

/// <summary>One customer's state at a month's end <c>T_m</c>: the row of a locked per-customer snapshot.</summary>
/// <param name="CustomerId">The source customer id.</param>
/// <param name="Mrr">MRR at <c>T_m</c> in the reporting currency at the month-end rate, full precision (Σ of the parts' Mrr).</param>
/// <param name="EverPaid">True once the customer has had MRR &gt; 0 at this or any earlier month end (tells Reactivation from New).</param>
/// <remarks>
/// <para>
/// The snapshot keeps what the next month's movements and segments need without going back to the ledger: the
/// native-currency parts (FX impact is computed from them), the cohort, and the customer's attributes as they were.
/// A row without parts but with MRR (written before parts existed) is read as MRR in the reporting currency.
/// </para>
/// <para>
/// Rows compare by value, parts included (item by item, in order): a snapshot read back from storage equals the one
/// that was written, whatever list type the reader used.
/// </para>
/// </remarks>
public sealed record CustomerMonthEnd(string CustomerId, decimal Mrr, bool EverPaid)
{
    /// <summary>MRR by plan, product and native currency, ordered by currency code, plan, product; empty when the customer has no MRR.</summary>
    public IReadOnlyList<MrrPart> Parts { get; init; } = [];

    /// <summary>The month of the customer's New movement; null before the customer ever paid.</summary>
    /// <remarks>A reactivated customer keeps its original cohort (METRICS.md §5).</remarks>
    public BillingMonth? CohortMonth { get; init; }

    /// <summary>The customer's name from the customer master data (for the movement drill-down); null when unknown.</summary>
    public string? Name { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country from the customer master data at this month end; null when unknown.</summary>
    public string? Country { get; init; }

    /// <summary>The acquisition channel from the customer master data; null when unknown.</summary>
    public string? Channel { get; init; }

    /// <summary>The customer segment attribute from the customer master data; null when unknown.</summary>
    public string? Segment { get; init; }

    public bool Equals(CustomerMonthEnd? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (CustomerId == other.CustomerId
                && Mrr == other.Mrr
                && EverPaid == other.EverPaid
                && CohortMonth == other.CohortMonth
                && Name == other.Name
                && Country == other.Country
                && Channel == other.Channel
                && Segment == other.Segment
                && Parts.SequenceEqual(other.Parts)));

    public override int GetHashCode() => HashCode.Combine(CustomerId, Mrr, EverPaid, CohortMonth, Country, Channel, Segment, Parts.Count);
}
