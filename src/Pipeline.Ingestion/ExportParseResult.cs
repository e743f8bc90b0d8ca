using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>What reading one file gave: its records, the rows that failed, and whether the file is refused.</summary>
/// <remarks>
/// A file is refused when <see cref="FileError"/> is set (unrecognised format, missing required column, unreadable)
/// or when more than the allowed share of its data rows are bad; then nothing from it may enter the ledger.
/// </remarks>
public sealed record ExportParseResult
{
    /// <summary>
    /// The recognised format (<c>stripe-subscriptions</c>, <c>stripe-invoices</c>, <c>stripe-payments</c>,
    /// <c>stripe-customers</c>, <c>canonical-spend</c>, <c>canonical-revenue-lines</c>, <c>canonical-survey</c>, <c>canonical-customers</c>,
    /// <c>canonical-rates</c> or <c>ecb-rates</c>), or null.
    /// </summary>
    public string? Format { get; init; }

    /// <summary>The revenue lines, when the parse kept them; empty when they went to a <see cref="RevenueLineChunkHandler"/> instead.</summary>
    public IReadOnlyList<RevenueLine> Lines { get; init; } = [];

    /// <summary>
    /// Customer master data, one record per customer (a customer's records in the file merged, later over earlier, see
    /// <see cref="CustomerRecord.UpdateOf"/>), in order of first record, when the parse kept them; empty when they went
    /// to a <see cref="CustomerChunkHandler"/> instead.
    /// </summary>
    public IReadOnlyList<CustomerRecord> Customers { get; init; } = [];

    /// <summary>How many customers have a record from the file (also when the records went to a <see cref="CustomerChunkHandler"/>).</summary>
    public int CustomerCount { get; init; }

    /// <summary>Sales and marketing spend (EXPORTS.md A3), one record per key: a later row with the same key replaced an earlier one.</summary>
    public IReadOnlyList<SpendRecord> Spend { get; init; } = [];

    /// <summary>Survey answers (EXPORTS.md A5), one per key (customer, survey, response time): a later row with the same key replaced an earlier one.</summary>
    public IReadOnlyList<SurveyResponse> Responses { get; init; } = [];

    /// <summary>Exchange rates (EXPORTS.md A4), from a canonical rates file or the ECB history (base EUR).</summary>
    public IReadOnlyList<ExchangeRate> Rates { get; init; } = [];

    /// <summary>Payments, refunds and credits (cash; never MRR, except a full refund of an invoice's lines).</summary>
    public IReadOnlyList<MoneyMovement> Movements { get; init; } = [];

    /// <summary>Invoice statuses and totals from an invoices export; a later one updates the status of the invoice's lines.</summary>
    public IReadOnlyList<InvoiceDocument> Documents { get; init; } = [];

    /// <summary>Why the format was chosen: the header columns (and value checks) that matched, for the import report.</summary>
    public string? FormatEvidence { get; init; }

    /// <summary>Every problem found, in row order; a bad row may have several.</summary>
    public IReadOnlyList<RowError> Errors { get; init; } = [];

    /// <summary>Notes that do not make a row bad (ignored columns, assumptions made).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Data rows in the file (blank lines not counted).</summary>
    public int DataRows { get; init; }

    /// <summary>Data rows with at least one error; those rows were skipped.</summary>
    public int BadRows { get; init; }

    /// <summary>A problem with the file as a whole, with how to fix it; null when the structure is fine.</summary>
    public string? FileError { get; init; }

    /// <summary>Why the whole file is refused, or null when its good rows are accepted.</summary>
    public string? RefusalReason { get; init; }

    /// <summary>The kind of refusal (<see cref="RefusalCodes"/>), or null when the file is accepted.</summary>
    public string? ReasonCode { get; init; }

    public bool IsRefused => RefusalReason is not null;

    /// <summary>A result for a file refused as a whole: the file error is also the refusal reason.</summary>
    internal static ExportParseResult Refused(string fileError, string? format, IReadOnlyList<string> warnings, string reasonCode = RefusalCodes.Unreadable) => new()
    {
        ReasonCode = reasonCode,
        Format = format,
        Warnings = warnings,
        FileError = fileError,
        RefusalReason = fileError,
    };
}
