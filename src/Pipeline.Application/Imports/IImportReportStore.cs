using Pipeline.Domain;

namespace Pipeline.Application.Imports;

/// <summary>The <c>reports</c> container: one JSON report per import (<c>{tenant}/{importId}.json</c>).</summary>
public interface IImportReportStore
{
    Task WriteAsync(ImportReport report, CancellationToken cancellationToken);

    Task<ImportReport?> ReadAsync(TenantId tenant, string importId, CancellationToken cancellationToken);
}
