using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>One month's close (table <c>Closes</c>, partition = tenant, row = <c>yyyy-MM</c>).</summary>
/// <remarks>
/// Written last, after the snapshot blobs and the KPI row, so a month counts as closed only once everything it
/// locks is in place. <see cref="InputsFingerprint"/> is the hash of the import ids the close read: it tells which
/// files a closed figure came from.
/// </remarks>
public sealed record CloseRecord
{
    public required TenantId Tenant { get; init; }

    public required BillingMonth Month { get; init; }

    public required CloseStatus Status { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset ClosedAt { get; init; }

    /// <summary>Who closed it: <c>schedule</c>, or the caller of the close endpoint.</summary>
    public required string ClosedBy { get; init; }

    public required string InputsFingerprint { get; init; }

    /// <summary>How many accepted imports the close read.</summary>
    public int InputImports { get; init; }

    /// <summary>MRR at the month's end, full precision, in <see cref="Currency"/>.</summary>
    public decimal Mrr { get; init; }

    public required CurrencyCode Currency { get; init; }

    /// <summary>Customers in the locked snapshot.</summary>
    public int Customers { get; init; }

    /// <summary>The latest instant the tenant's exports covered when the month was closed (<see cref="Domain.DataHorizon"/>).</summary>
    public DateTimeOffset? DataHorizon { get; init; }

    /// <summary>Why the closed figures may be incomplete (the month ends after the data horizon); null when nothing is known to be missing.</summary>
    public string? Warning { get; init; }
}
