using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Pipeline.Application.Closes;
using Pipeline.Domain;

namespace Pipeline.Storage.Entities;

/// <summary>
/// A row of the <c>CloseAudit</c> table: PK tenant, RK <c>yyyy-MM|{ticks:D19}|{kind}|v{version:D6}</c> (the month the
/// entry is about, then the UTC ticks of when it happened), so a month's entries are one range in time order.
/// </summary>
internal sealed class CloseAuditEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";

    public int Version { get; set; }

    public DateTimeOffset At { get; set; }

    public string By { get; set; } = "";

    public string? Reason { get; set; }

    /// <summary>The restatement delta as an invariant decimal string; null for other entries.</summary>
    public string? MrrDelta { get; set; }

    public static string Key(BillingMonth month, DateTimeOffset at, string kind, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{month}|{at.UtcTicks:D19}|{kind}|v{version:D6}");

    public static CloseAuditEntity From(CloseAuditEntry entry) => new()
    {
        PartitionKey = entry.Tenant.Value,
        RowKey = Key(entry.Month, entry.At, RowKeyText.Encode(entry.Kind), entry.Version),
        Kind = entry.Kind,
        Version = entry.Version,
        At = entry.At,
        By = entry.By,
        Reason = entry.Reason,
        MrrDelta = entry.MrrDelta is { } delta ? StoredDecimal.Format(delta) : null,
    };

    public CloseAuditEntry ToEntry() => new(
        TenantId.Parse(PartitionKey),
        CloseRowKeys.MonthOf(RowKey),
        Kind,
        Version,
        At,
        By,
        Reason,
        MrrDelta is { } delta ? StoredDecimal.Parse(delta, nameof(MrrDelta)) : null);
}
