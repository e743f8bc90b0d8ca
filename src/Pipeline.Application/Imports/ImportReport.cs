using Pipeline.Domain;
using Pipeline.Ingestion;

namespace Pipeline.Application.Imports;

/// <summary>What a finance user reads about one file: the outcome, every bad row, and how to fix it (blob <c>reports</c>).</summary>
public sealed record ImportReport
{
    public required string ImportId { get; init; }

    public required TenantId Tenant { get; init; }

    public required string FileName { get; init; }

    public required ImportStatus Status { get; init; }

    public string? Format { get; init; }

    public int Rows { get; init; }

    public int RevenueLines { get; init; }

    public int Customers { get; init; }

    public int SpendRows { get; init; }

    public int ExchangeRates { get; init; }

    /// <summary>Survey answers read from the file.</summary>
    public int SurveyResponses { get; init; }

    public string? Reason { get; init; }

    /// <summary>The kind of refusal (see <see cref="ImportRecord.ReasonCode"/>), null when accepted.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>Why the format was chosen: the fingerprint columns and value checks that matched.</summary>
    public string? FormatEvidence { get; init; }

    /// <summary>Payments, refunds and credits read from the file.</summary>
    public int MoneyMovements { get; init; }

    /// <summary>Invoice status records read from the file.</summary>
    public int Invoices { get; init; }

    /// <summary>The first bad-row errors in full (at most <c>Pipeline:MaxReportedRowErrors</c>), messages compact (<see cref="ReportedRowErrors"/>).</summary>
    public IReadOnlyList<RowError> Errors { get; init; } = [];

    /// <summary>The errors not listed in <see cref="Errors"/>, counted per column and message.</summary>
    public IReadOnlyList<RowErrorCount> ErrorCounts { get; init; } = [];

    /// <summary>Every bad-row error of the file: listed plus counted.</summary>
    public int TotalErrors => Errors.Count + ErrorCounts.Sum(count => count.Count);

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public BillingMonth? FirstMonth { get; init; }

    public BillingMonth? LastMonth { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }
}
