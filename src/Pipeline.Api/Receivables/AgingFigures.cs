using System.Text.Json.Serialization;
using Pipeline.Domain;
using Pipeline.Domain.Receivables;

namespace Pipeline.Api.Receivables;

/// <summary>The aging columns every receivables row ends with, in the reporting currency rounded to its minor unit.</summary>
/// <remarks>DSO is computed from the exact amounts, in days, to one decimal.</remarks>
public abstract record AgingFigures
{
    private const int AfterTheRowsOwnColumns = 1;

    protected AgingFigures(ReceivablesTotals totals, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(totals);
        Invoices = totals.Invoices;
        NotYetDue = currency.Round(totals.NotYetDue);
        Days1To30 = currency.Round(totals.Days1To30);
        Days31To60 = currency.Round(totals.Days31To60);
        Days61To90 = currency.Round(totals.Days61To90);
        Over90 = currency.Round(totals.Over90);
        Total = currency.Round(totals.Total);
        InvoicedLastThreeMonths = currency.Round(totals.InvoicedLastThreeMonths);
        Dso = totals.Dso;
        OldestDaysPastDue = totals.OldestDaysPastDue;
    }

    /// <summary>Invoices with an unpaid balance.</summary>
    [JsonPropertyOrder(AfterTheRowsOwnColumns)]
    public int Invoices { get; init; }

    [JsonPropertyOrder(AfterTheRowsOwnColumns)]
    public decimal NotYetDue { get; init; }

    [JsonPropertyOrder(AfterTheRowsOwnColumns)]
    public decimal Days1To30 { get; init; }

    [JsonPropertyOrder(AfterTheRowsOwnColumns)]
    public decimal Days31To60 { get; init; }

    [JsonPropertyOrder(AfterTheRowsOwnColumns)]
    public decimal Days61To90 { get; init; }

    [JsonPropertyOrder(AfterTheRowsOwnColumns)]
    public decimal Over90 { get; init; }

    /// <summary>Every unpaid balance.</summary>
    [JsonPropertyOrder(AfterTheRowsOwnColumns)]
    public decimal Total { get; init; }

    /// <summary>The invoices issued in the month and the two before it.</summary>
    [JsonPropertyOrder(AfterTheRowsOwnColumns)]
    public decimal InvoicedLastThreeMonths { get; init; }

    /// <summary><see cref="Total"/> ÷ <see cref="InvoicedLastThreeMonths"/> × 91; null when nothing was invoiced.</summary>
    [JsonPropertyOrder(AfterTheRowsOwnColumns)]
    public decimal? Dso { get; init; }

    /// <summary>The most days any unpaid balance is past due.</summary>
    [JsonPropertyOrder(AfterTheRowsOwnColumns)]
    public int? OldestDaysPastDue { get; init; }
}
