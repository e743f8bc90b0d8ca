using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Application.Tests.Fakes;

namespace Pipeline.Functions.Tests;

/// <summary>The application tests' in-memory storage ports and a fake clock, registered over the app's storage adapters.</summary>
/// <remarks>For functions whose service does real work (a close): the data is real, only its storage is in memory.</remarks>
internal sealed class InMemoryPorts
{
    public InMemoryPorts(DateTimeOffset now)
    {
        Clock = new FakeTimeProvider(now);
        Inbox = new InMemoryExportInbox(Clock);
    }

    public FakeTimeProvider Clock { get; }

    public InMemoryExportInbox Inbox { get; }

    public InMemoryImportLog Imports { get; } = new();

    public InMemoryCloseLog Closes { get; } = new();

    public void Register(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IExportInbox>(Inbox);
        services.AddSingleton<IExportDropBox>(Inbox);
        services.AddSingleton<IImportLog>(Imports);
        services.AddSingleton<ILedgerStore>(new InMemoryLedgerStore());
        services.AddSingleton<IImportReportStore>(new InMemoryImportReportStore());
        services.AddSingleton<IKpiSnapshotStore>(new InMemoryKpiSnapshotStore());
        services.AddSingleton<ICloseLog>(Closes);
        services.AddSingleton<ICloseArtifactStore>(new InMemoryCloseArtifactStore());
        services.AddSingleton<ICloseAuditLog>(new InMemoryCloseAuditLog());
        services.AddSingleton<IValueSegmentKpiStore>(new InMemoryValueSegmentKpiStore());
        services.AddSingleton<Application.Clv.IClvFitStore>(new InMemoryClvFitStore());
    }
}
