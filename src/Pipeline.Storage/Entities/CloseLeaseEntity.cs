using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage.Entities;

/// <summary>The tenant's close lease: PK tenant, RK <c>_lease</c> in the <c>Closes</c> table.</summary>
internal sealed class CloseLeaseEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = CloseRowKeys.Lease;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Holder { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the holder took the lease (null on rows written before it was recorded).</summary>
    public DateTimeOffset? AcquiredAt { get; set; }
}
