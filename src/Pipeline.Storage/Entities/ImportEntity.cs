using Azure;
using Azure.Data.Tables;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Storage.Entities;

/// <summary>A row of the <c>Imports</c> table: PK tenant, RK import id.</summary>
internal sealed class ImportEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string BlobName { get; set; } = "";

    public string BlobETag { get; set; } = "";

    public string ContentHash { get; set; } = "";

    public string Status { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Format { get; set; }

    public int Rows { get; set; }

    public int RowErrors { get; set; }

    public string? Reason { get; set; }

    public string? ReasonCode { get; set; }

    public string? DuplicateOf { get; set; }

    public string? FirstMonth { get; set; }

    public string? LastMonth { get; set; }

    public int Attempts { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public static ImportEntity From(ImportRecord record) => new()
    {
        PartitionKey = record.Tenant.Value,
        RowKey = record.ImportId,
        BlobName = record.BlobName,
        BlobETag = record.BlobETag,
        ContentHash = record.ContentHash,
        Status = record.Status.ToString(),
        ReceivedAt = record.ReceivedAt,
        CompletedAt = record.CompletedAt,
        Format = record.Format,
        Rows = record.Rows,
        RowErrors = record.RowErrors,
        Reason = record.Reason,
        ReasonCode = record.ReasonCode,
        DuplicateOf = record.DuplicateOf,
        FirstMonth = StoredMonth.Format(record.FirstMonth),
        LastMonth = StoredMonth.Format(record.LastMonth),
        Attempts = record.Attempts,
        LeaseOwner = record.LeaseOwner,
        LeaseUntil = record.LeaseUntil,
    };

    public ImportRecord ToRecord() => new()
    {
        Tenant = TenantId.Parse(PartitionKey),
        ImportId = RowKey,
        BlobName = BlobName,
        BlobETag = BlobETag,
        ContentHash = ContentHash,
        Status = Enum.Parse<ImportStatus>(Status),
        ReceivedAt = ReceivedAt,
        CompletedAt = CompletedAt,
        Format = Format,
        Rows = Rows,
        RowErrors = RowErrors,
        Reason = Reason,
        ReasonCode = ReasonCode,
        DuplicateOf = DuplicateOf,
        FirstMonth = StoredMonth.Parse(FirstMonth),
        LastMonth = StoredMonth.Parse(LastMonth),
        Attempts = Attempts,
        LeaseOwner = LeaseOwner,
        LeaseUntil = LeaseUntil,
    };
}
