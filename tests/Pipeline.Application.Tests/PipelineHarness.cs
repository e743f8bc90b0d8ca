using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Application.Tests.Fakes;

namespace Pipeline.Application.Tests;

/// <summary>The application services as <c>AddPipeline()</c> composes them, over in-memory ports and a fake clock.</summary>
public sealed class PipelineHarness : IDisposable
{
    private readonly IHost _host;

    public PipelineHarness(DateTimeOffset now, IDictionary<string, string?>? settings = null)
    {
        Clock = new FakeTimeProvider(now);
        Inbox = new InMemoryExportInbox(Clock);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:ReportingCurrency"] = "EUR",
            ["Pipeline:MaxIngestAttempts"] = "3",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddPipeline();
        builder.Services.AddSingleton<IExportInbox>(Inbox);
        builder.Services.AddSingleton<IImportLog>(Imports);
        builder.Services.AddSingleton<ILedgerStore>(Ledger);
        builder.Services.AddSingleton<IImportReportStore>(Reports);
        builder.Services.AddSingleton<IKpiSnapshotStore>(Snapshots);
        builder.Services.AddSingleton<ICloseLog>(Closes);
        builder.Services.AddSingleton<ICloseArtifactStore>(Artifacts);
        builder.Services.AddSingleton<ICloseAuditLog>(Audit);
        builder.Services.AddSingleton<IValueSegmentKpiStore>(ValueSegments);
        builder.Services.AddSingleton<Application.Clv.IClvFitStore>(Fits);
        _host = builder.Build();
    }

    public FakeTimeProvider Clock { get; }

    public InMemoryExportInbox Inbox { get; }

    public InMemoryImportLog Imports { get; } = new();

    public InMemoryLedgerStore Ledger { get; } = new();

    public InMemoryImportReportStore Reports { get; } = new();

    public InMemoryKpiSnapshotStore Snapshots { get; } = new();

    public InMemoryCloseLog Closes { get; } = new();

    public InMemoryCloseArtifactStore Artifacts { get; } = new();

    public InMemoryCloseAuditLog Audit { get; } = new();

    public InMemoryValueSegmentKpiStore ValueSegments { get; } = new();

    public InMemoryClvFitStore Fits { get; } = new();

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public void Dispose() => _host.Dispose();
}
