using System.Collections.Concurrent;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Fakes;

public sealed class InMemoryImportReportStore : IImportReportStore
{
    private readonly ConcurrentDictionary<(TenantId, string), ImportReport> _reports = new();

    public Task WriteAsync(ImportReport report, CancellationToken cancellationToken)
    {
        _reports[(report.Tenant, report.ImportId)] = report;
        return Task.CompletedTask;
    }

    public Task<ImportReport?> ReadAsync(TenantId tenant, string importId, CancellationToken cancellationToken) =>
        Task.FromResult(_reports.GetValueOrDefault((tenant, importId)));
}
