using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;

namespace Pipeline.Storage;

/// <summary>Composition of the storage layer: the Azure clients and every storage port.</summary>
public static class StorageHostingExtensions
{
    /// <summary>
    /// Registers <see cref="BlobServiceClient"/>, <see cref="TableServiceClient"/> and an adapter for every storage
    /// port (all singletons), bound to the <c>PipelineStorage</c> settings (see <see cref="PipelineStorageOptions"/>),
    /// <see cref="IStorageFaults"/> for the SDK's exceptions, and a hosted service that creates the containers and
    /// tables at start-up if they are missing.
    /// </summary>
    public static IHostApplicationBuilder AddPipelineStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PipelineStorageOptions>()
            .BindConfiguration(PipelineStorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<StorageConnection>();
        services.AddSingleton(provider => provider.GetRequiredService<StorageConnection>().CreateBlobServiceClient());
        services.AddSingleton(provider => provider.GetRequiredService<StorageConnection>().CreateTableServiceClient());

        services.AddSingleton<IExportInbox, BlobExportInbox>();
        services.AddSingleton<IExportDropBox, BlobExportDropBox>();
        services.AddSingleton<IImportLog, TableImportLog>();
        services.AddSingleton<ILedgerStore, ParquetLedgerStore>();
        services.AddSingleton<IImportReportStore, BlobImportReportStore>();
        services.AddSingleton<TableKpiSnapshotStore>();
        services.AddSingleton<TableKpiChangeStamps>();
        services.AddSingleton<IKpiChangeStamps>(provider => provider.GetRequiredService<TableKpiChangeStamps>());
        services.AddSingleton<IKpiSnapshotStore, StampedKpiSnapshotStore>();
        services.AddSingleton<IKpiSnapshotMigration, TableKpiSnapshotMigration>();
        services.AddSingleton<ICloseLog, TableCloseLog>();
        services.AddSingleton<ICloseArtifactStore, BlobCloseArtifactStore>();
        services.AddSingleton<ICloseAuditLog, TableCloseAuditLog>();
        services.AddSingleton<IValueSegmentKpiStore, TableValueSegmentKpiStore>();
        services.AddSingleton<Application.Clv.IClvFitStore, TableClvFitStore>();
        services.AddSingleton<IStorageFaults, AzureStorageFaults>();
        services.AddHostedService<StorageInitializer>();
        return builder;
    }

    /// <summary>
    /// Moves <c>KpiSnapshots</c> rows of the earlier key layout into the current one when the host starts (<see cref="KpiLayoutUpgrade"/>).
    /// For the serving hosts (local host, Functions app); the CLI has <c>migrate-storage</c> instead.
    /// </summary>
    public static IServiceCollection AddKpiLayoutUpgrade(this IServiceCollection services)
    {
        services.AddSingleton<KpiLayoutUpgrade>();
        services.AddHostedService(provider => provider.GetRequiredService<KpiLayoutUpgrade>());
        return services;
    }
}
