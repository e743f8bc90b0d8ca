using Pipeline.Domain;

namespace Pipeline.Application.Imports;

/// <summary>The <c>Imports</c> table: one record per dropped file.</summary>
public interface IImportLog
{
    /// <summary>Inserts the record if no record with its id exists (the claim). False when one already exists.</summary>
    Task<bool> TryAddAsync(ImportRecord record, CancellationToken cancellationToken);

    /// <summary>Inserts the record if no record with its id exists (the claim); the stored row's ETag, or null when one already exists.</summary>
    Task<string?> TryClaimAsync(ImportRecord record, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the record.</summary>
    Task SaveAsync(ImportRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the record only while its stored row is still the version <paramref name="etag"/> (optimistic
    /// concurrency): the new ETag, or null when another run changed or removed the row meanwhile.
    /// </summary>
    Task<string?> TryReplaceAsync(ImportRecord record, string etag, CancellationToken cancellationToken);

    /// <summary>The record with the ETag of its stored row, for a conditional <see cref="TryReplaceAsync"/>; null when absent.</summary>
    Task<ImportRecordVersion?> FindVersionAsync(TenantId tenant, string importId, CancellationToken cancellationToken);

    Task<ImportRecord?> FindAsync(TenantId tenant, string importId, CancellationToken cancellationToken);

    /// <summary>Every record of the tenant, in no particular order.</summary>
    Task<IReadOnlyList<ImportRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Every tenant that has at least one record.</summary>
    Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken);
}
