using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Pipeline.Application.Closes;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using Pipeline.Storage.Json;

namespace Pipeline.Storage;

/// <summary>
/// <see cref="ICloseArtifactStore"/> on the <c>closes</c> container: gzip-compressed JSON arrays at
/// <c>{tenant}/{yyyy-MM}/v{version}/customers.json.gz</c> and <c>…/movements.json.gz</c> (a close version), or
/// <c>{tenant}/{yyyy-MM}/provisional/customers.json.gz</c> and <c>…/movements.json.gz</c> (an open month's provisional figures).
/// </summary>
/// <remarks>
/// <para>
/// Per-customer snapshots repeat the same keys and ids month after month, so they compress about tenfold; a tenant of
/// 50,000 customers keeps a few hundred KiB per month instead of megabytes. Artifacts written before compression
/// (<c>customers.json</c>, <c>movements.json</c>) are still read when no compressed file is there.
/// </para>
/// <para>
/// <c>customers.json</c> holds each <see cref="CustomerMonthEnd"/> with its MRR parts (plan, product, native
/// currency as an ISO 4217 code, native and reporting MRR), cohort month (<c>yyyy-MM</c> or null) and attributes;
/// decimals keep every digit (<see cref="StorageJson"/>). Documents written before parts existed read with no parts.
/// </para>
/// <para>
/// Each close version has its own folder, so a reopen and re-close never overwrites what an earlier version
/// locked. Rewriting the same version replaces both files (a replayed close converges); the close record, written
/// after them, is what marks a version as complete. Provisional refreshes write only the <c>provisional</c> folder,
/// so a refresh that runs while a close is in flight can never replace the snapshot of the version being committed.
/// </para>
/// </remarks>
internal sealed class BlobCloseArtifactStore(BlobServiceClient blobs, IOptions<PipelineStorageOptions> options) : ICloseArtifactStore
{
    private const string ProvisionalFolder = "provisional";
    private const string CustomersFile = "customers.json.gz";
    private const string MovementsFile = "movements.json.gz";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.ClosesContainer);

    public async Task WriteAsync(
        TenantId tenant,
        BillingMonth month,
        int version,
        IReadOnlyList<CustomerMonthEnd> closing,
        IReadOnlyList<CustomerMovement> movements,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closing);
        ArgumentNullException.ThrowIfNull(movements);
        await JsonBlobs.WriteCompressedAsync(Blob(tenant, month, VersionFolder(version), MovementsFile), movements, cancellationToken);
        await JsonBlobs.WriteCompressedAsync(Blob(tenant, month, VersionFolder(version), CustomersFile), closing, cancellationToken);
    }

    public async Task WriteProvisionalAsync(
        TenantId tenant,
        BillingMonth month,
        IReadOnlyList<CustomerMonthEnd> closing,
        IReadOnlyList<CustomerMovement> movements,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closing);
        ArgumentNullException.ThrowIfNull(movements);
        await JsonBlobs.WriteCompressedAsync(Blob(tenant, month, ProvisionalFolder, MovementsFile), movements, cancellationToken);
        await JsonBlobs.WriteCompressedAsync(Blob(tenant, month, ProvisionalFolder, CustomersFile), closing, cancellationToken);
    }

    public async Task<IReadOnlyList<CustomerMonthEnd>?> ReadClosingAsync(
        TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        await ReadAsync<List<CustomerMonthEnd>>(tenant, month, VersionFolder(version), CustomersFile, cancellationToken);

    public async Task<IReadOnlyList<CustomerMovement>?> ReadMovementsAsync(
        TenantId tenant, BillingMonth month, int version, CancellationToken cancellationToken) =>
        await ReadAsync<List<CustomerMovement>>(tenant, month, VersionFolder(version), MovementsFile, cancellationToken);

    public async Task<IReadOnlyList<CustomerMonthEnd>?> ReadProvisionalClosingAsync(
        TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        await ReadAsync<List<CustomerMonthEnd>>(tenant, month, ProvisionalFolder, CustomersFile, cancellationToken);

    public async Task<IReadOnlyList<CustomerMovement>?> ReadProvisionalMovementsAsync(
        TenantId tenant, BillingMonth month, CancellationToken cancellationToken) =>
        await ReadAsync<List<CustomerMovement>>(tenant, month, ProvisionalFolder, MovementsFile, cancellationToken);

    /// <summary>The compressed file, else the plain JSON file an earlier version wrote (same name without <c>.gz</c>).</summary>
    private async Task<T?> ReadAsync<T>(TenantId tenant, BillingMonth month, string slot, string file, CancellationToken cancellationToken)
        where T : class =>
        await JsonBlobs.ReadCompressedAsync<T>(Blob(tenant, month, slot, file), cancellationToken)
            ?? await JsonBlobs.ReadAsync<T>(Blob(tenant, month, slot, file[..^".gz".Length]), cancellationToken);

    private static string VersionFolder(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return string.Create(CultureInfo.InvariantCulture, $"v{version}");
    }

    private BlobClient Blob(TenantId tenant, BillingMonth month, string slot, string file)
    {
        var folder = TableStorageLimits.ValidateKey(tenant.Value, nameof(tenant));
        return _container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"{folder}/{month}/{slot}/{file}"));
    }
}
