using Pipeline.Domain;

namespace Pipeline.Application.Imports;

/// <summary>Reads import records and their reports for the ops endpoints.</summary>
public sealed class ImportQueryService(IImportLog imports, IImportReportStore reports)
{
    /// <summary>Every import of the tenant, oldest first.</summary>
    public async Task<IReadOnlyList<ImportRecord>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        (await imports.ListAsync(tenant, cancellationToken))
            .OrderBy(record => record.ReceivedAt)
            .ThenBy(record => record.ImportId, StringComparer.Ordinal)
            .ToList();

    /// <summary>One import with its report (the report is null while the import is still processing).</summary>
    public async Task<(ImportRecord Record, ImportReport? Report)?> FindAsync(
        TenantId tenant, string importId, CancellationToken cancellationToken)
    {
        var record = await imports.FindAsync(tenant, importId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        return (record, await reports.ReadAsync(tenant, importId, cancellationToken));
    }
}
