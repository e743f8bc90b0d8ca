using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary><see cref="IKpiChangeStamps"/> in the <c>KpiSnapshots</c> table: one entity per tenant, PK <c>{tenant}|state</c>, RK <c>stamp</c>.</summary>
/// <remarks>
/// A partition of its own, so no query of the tenant's rows ever meets it (a tenant id is a slug and has no <c>|</c>).
/// A change writes a new random stamp (upsert, no read first): two writers racing both leave a stamp that differs from
/// what any reader saw before them, which is all a reader needs. After the upsert, <see cref="Changed"/> tells this
/// process's readers the new stamp.
/// </remarks>
internal sealed class TableKpiChangeStamps(TableServiceClient tables, IOptions<PipelineStorageOptions> options) : IKpiChangeStamps
{
    private const string StateSuffix = "|state";
    private const string StampRow = "stamp";

    private readonly TableClient _table = tables.GetTableClient(options.Value.KpiSnapshotsTable);

    public event Action<TenantId, string>? Changed;

    public async Task<string?> ReadAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            PartitionKey(tenant), StampRow, select: ["Stamp"], cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.GetString("Stamp") : null;
    }

    /// <summary>Gives the tenant a new stamp; called after its rows were written.</summary>
    public async Task ChangeAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var stamp = Guid.NewGuid().ToString("N");
        await _table.UpsertEntityAsync(
            new TableEntity(PartitionKey(tenant), StampRow) { ["Stamp"] = stamp },
            TableUpdateMode.Replace,
            cancellationToken);
        Changed?.Invoke(tenant, stamp);
    }

    private static string PartitionKey(TenantId tenant) => TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant)) + StateSuffix;
}
