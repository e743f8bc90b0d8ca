using Azure;
using Azure.Data.Tables;
using Pipeline.Application.Closes;
using Pipeline.Domain;

namespace Pipeline.Storage.Entities;

/// <summary>A row of the <c>Closes</c> table: PK tenant, RK <c>yyyy-MM|v{version:D6}</c> (<see cref="CloseRowKeys"/>); MRR as an invariant decimal string.</summary>
internal sealed class CloseEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Status { get; set; } = "";

    public int Version { get; set; }

    public DateTimeOffset ClosedAt { get; set; }

    public string ClosedBy { get; set; } = "";

    public string InputsFingerprint { get; set; } = "";

    public int InputImports { get; set; }

    public string Mrr { get; set; } = "";

    public string Currency { get; set; } = "";

    public int Customers { get; set; }

    public DateTimeOffset? DataHorizon { get; set; }

    public string? Warning { get; set; }

    public static CloseEntity From(CloseRecord record) => new()
    {
        PartitionKey = record.Tenant.Value,
        RowKey = CloseRowKeys.Version(record.Month, record.Version),
        Status = record.Status.ToString(),
        Version = record.Version,
        ClosedAt = record.ClosedAt,
        ClosedBy = record.ClosedBy,
        InputsFingerprint = record.InputsFingerprint,
        InputImports = record.InputImports,
        Mrr = StoredDecimal.Format(record.Mrr),
        Currency = record.Currency.Code,
        Customers = record.Customers,
        DataHorizon = record.DataHorizon,
        Warning = record.Warning,
    };

    public CloseRecord ToRecord() => new()
    {
        Tenant = TenantId.Parse(PartitionKey),
        Month = CloseRowKeys.MonthOf(RowKey),
        Status = Enum.Parse<CloseStatus>(Status),
        Version = Version,
        ClosedAt = ClosedAt,
        ClosedBy = ClosedBy,
        InputsFingerprint = InputsFingerprint,
        InputImports = InputImports,
        Mrr = StoredDecimal.Parse(Mrr, nameof(Mrr)),
        Currency = CurrencyCode.Parse(Currency),
        Customers = Customers,
        DataHorizon = DataHorizon,
        Warning = Warning,
    };
}
