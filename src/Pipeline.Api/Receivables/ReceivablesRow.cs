using System.Text.Json.Serialization;
using Pipeline.Application.Receivables;
using Pipeline.Domain;

namespace Pipeline.Api.Receivables;

/// <summary>The receivables of one segment at a month end (METRICS.md §10), the same in JSON and CSV.</summary>
public sealed record ReceivablesRow : AgingFigures
{
    private ReceivablesRow(ReceivablesGroup group, CurrencyCode currency)
        : base(group.Totals, currency)
    {
    }

    public required string Month { get; init; }

    public required string Currency { get; init; }

    public required string Dimension { get; init; }

    public required string Segment { get; init; }

    /// <summary>Customers with an unpaid balance.</summary>
    public int Customers { get; init; }

    /// <summary>The close version of the month the figures are as of (computed from the imports that close read); empty for an open month.</summary>
    [JsonPropertyOrder(2)]
    public int? CloseVersion { get; init; }

    public static ReceivablesRow From(ReceivablesGroup group, ReceivablesReport report)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(report);
        return new ReceivablesRow(group, report.Aging.Currency)
        {
            Month = report.Aging.Month.ToString(),
            Currency = report.Aging.Currency.Code,
            Dimension = group.Dimension,
            Segment = group.Segment,
            Customers = group.Totals.Customers,
            CloseVersion = report.CloseVersion,
        };
    }
}
