using Pipeline.Domain;

namespace Pipeline.Application.Ledger;

/// <summary>The normalized records of one accepted file, in source order.</summary>
/// <remarks>A file holds one kind of record; the others are empty (a revenue-lines file may also carry customer attributes).</remarks>
public sealed record LedgerBatch(IReadOnlyList<RevenueLine> Lines, IReadOnlyList<CustomerRecord> Customers)
{
    /// <summary>Sales and marketing spend rows (spend files).</summary>
    public IReadOnlyList<SpendRecord> Spend { get; init; } = [];

    /// <summary>Payments, refunds and credits (payments exports).</summary>
    public IReadOnlyList<MoneyMovement> Movements { get; init; } = [];

    /// <summary>Invoice statuses (invoices exports).</summary>
    public IReadOnlyList<InvoiceDocument> Documents { get; init; } = [];

    /// <summary>Survey answers (survey files), each stamped with when its file was accepted.</summary>
    public IReadOnlyList<SurveyResponse> Responses { get; init; } = [];

    /// <summary>Exchange rates (rates files).</summary>
    public IReadOnlyList<ExchangeRate> Rates { get; init; } = [];
}
