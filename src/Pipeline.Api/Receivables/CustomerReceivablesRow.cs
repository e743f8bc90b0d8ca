using System.Text.Json.Serialization;
using Pipeline.Application.Receivables;
using Pipeline.Domain;

namespace Pipeline.Api.Receivables;

/// <summary>One customer's receivables at a month end (<c>per=customer</c>), the same in JSON and CSV.</summary>
public sealed record CustomerReceivablesRow : AgingFigures
{
    private CustomerReceivablesRow(CustomerReceivables customer, CurrencyCode currency)
        : base(customer.Totals, currency)
    {
    }

    public required string Month { get; init; }

    public required string Currency { get; init; }

    public required string CustomerId { get; init; }

    public string? Name { get; init; }

    public required string Dimension { get; init; }

    public required string Segment { get; init; }

    /// <summary>The close version of the month the figures are as of (computed from the imports that close read); empty for an open month.</summary>
    [JsonPropertyOrder(2)]
    public int? CloseVersion { get; init; }

    public static CustomerReceivablesRow From(CustomerReceivables customer, ReceivablesReport report)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(report);
        return new CustomerReceivablesRow(customer, report.Aging.Currency)
        {
            Month = report.Aging.Month.ToString(),
            Currency = report.Aging.Currency.Code,
            CustomerId = customer.CustomerId,
            Name = customer.Name,
            Dimension = customer.Dimension,
            Segment = customer.Segment,
            CloseVersion = report.CloseVersion,
        };
    }
}
