using Pipeline.Domain;

namespace Pipeline.Application.Imports;

/// <summary>What the import record and report say about a file's revenue lines, counted as they stream past to the ledger.</summary>
/// <remarks>The lines themselves are not kept: their count and the earliest and latest service start are enough.</remarks>
internal sealed class RevenueLineTally
{
    private DateTimeOffset _first = DateTimeOffset.MaxValue;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public int Count { get; private set; }

    public void Add(IReadOnlyList<RevenueLine> lines)
    {
        foreach (var line in lines)
        {
            _first = line.ServiceStart < _first ? line.ServiceStart : _first;
            _last = line.ServiceStart > _last ? line.ServiceStart : _last;
        }

        Count += lines.Count;
    }

    /// <summary>The months the earliest and latest line start in (business time zone), or nulls without lines.</summary>
    public (BillingMonth? First, BillingMonth? Last) Months(TimeZoneInfo zone) =>
        Count == 0 ? (null, null) : (BillingMonth.Containing(_first, zone), BillingMonth.Containing(_last, zone));
}
