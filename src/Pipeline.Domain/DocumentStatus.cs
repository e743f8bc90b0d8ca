namespace Pipeline.Domain;

/// <summary>The status of the document (invoice) a revenue line is on.</summary>
/// <remarks>
/// Void, draft and canceled documents never count for MRR; open and past-due ones count until they are more than
/// the delinquency limit past due; a refunded line counts until its refund date (METRICS.md §1, Documents).
/// </remarks>
public enum DocumentStatus
{
    Paid,
    Open,
    PastDue,
    Uncollectible,
    Void,
    Draft,
    Canceled,
    Refunded,
}
