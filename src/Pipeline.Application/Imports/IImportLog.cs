using Pipeline.Domain;

namespace Pipeline.Application.Imports;

/// <summary>The <c>Imports</c> table: one record per dropped file.</summary>
public interface IImportLog
{
    /// <summary>Inserts the record if no record with its id exists (the claim). False when one already exists.</summary>
    Task<bool> TryAddAsync(ImportRecord record, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the record.</summary>
    Task SaveAsync(ImportRecord record, CancellationToken cancellationToken);

    Task<ImportRecord?> FindAsync(TenantId tenant, string importId, CancellationToken cancellationToken);

    /// <summary>Every record of the tenant, in no particular order.</summary>
    Task<IReadOnlyList<ImportRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Every tenant that has at least one record.</summary>
    Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken);
}
