using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Application;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class StorageHostingExtensionsTests(AzuriteInstance azurite)
{
    private readonly Dictionary<string, string?> _names = new()
    {
        ["PipelineStorage:ExportsContainer"] = AzuriteInstance.UniqueName("exports"),
        ["PipelineStorage:LedgerContainer"] = AzuriteInstance.UniqueName("ledger"),
        ["PipelineStorage:ReportsContainer"] = AzuriteInstance.UniqueName("reports"),
        ["PipelineStorage:ClosesContainer"] = AzuriteInstance.UniqueName("closes"),
        ["PipelineStorage:ImportsTable"] = AzuriteInstance.UniqueName("imports"),
        ["PipelineStorage:ClosesTable"] = AzuriteInstance.UniqueName("closes"),
        ["PipelineStorage:KpiSnapshotsTable"] = AzuriteInstance.UniqueName("kpis"),
        ["PipelineStorage:CloseAuditTable"] = AzuriteInstance.UniqueName("audit"),
        ["PipelineStorage:CloseFiguresTable"] = AzuriteInstance.UniqueName("figures"),
    };

    [Fact]
    public async Task AddPipelineStorage_ConnectionString_CreatesStorageAtStartAndResolvesEveryPort()
    {
        using var host = Build(new() { ["ConnectionStrings:PipelineStorage"] = azurite.ConnectionString });

        await host.StartAsync();

        await AssertStorageExistsAsync(host.Services);
        var log = host.Services.GetRequiredService<IImportLog>();
        Assert.True(await log.TryAddAsync(Samples.Import(), CancellationToken.None));
        Assert.Equal(Samples.Import(), await log.FindAsync(Samples.Tenant, Samples.Import().ImportId, CancellationToken.None));
        Assert.NotNull(host.Services.GetRequiredService<IExportInbox>());
        Assert.NotNull(host.Services.GetRequiredService<ILedgerStore>());
        Assert.NotNull(host.Services.GetRequiredService<IImportReportStore>());
        Assert.NotNull(host.Services.GetRequiredService<IKpiSnapshotStore>());
        Assert.NotNull(host.Services.GetRequiredService<ICloseLog>());
        Assert.NotNull(host.Services.GetRequiredService<ICloseArtifactStore>());
        Assert.NotNull(host.Services.GetRequiredService<ICloseAuditLog>());
        Assert.IsType<AzureStorageFaults>(host.Services.GetRequiredService<IStorageFaults>());
        Assert.Same(log, host.Services.GetRequiredService<IImportLog>());
        await host.StopAsync();
    }

    [Fact]
    public async Task AddPipelineStorage_PlainValueAndStartedTwice_IsIdempotent()
    {
        using var first = Build(new() { ["PipelineStorage"] = azurite.ConnectionString });
        using var second = Build(new() { ["PipelineStorage"] = azurite.ConnectionString });

        await first.StartAsync();
        await second.StartAsync();

        await AssertStorageExistsAsync(second.Services);
        await second.StopAsync();
        await first.StopAsync();
    }

    [Fact]
    public void AddPipelineStorage_NoSetting_UsesDevelopmentStorage()
    {
        using var host = Build([]);

        var blobs = host.Services.GetRequiredService<BlobServiceClient>();

        Assert.Equal("devstoreaccount1", blobs.AccountName);
        Assert.Equal(10000, blobs.Uri.Port);
    }

    [Fact]
    public void AddPipelineStorage_IdentityBased_PointsTheClientsAtTheConfiguredEndpoints()
    {
        using var host = Build(new()
        {
            ["PipelineStorage:blobServiceUri"] = "https://acct.blob.core.windows.net",
            ["PipelineStorage:tableServiceUri"] = "https://acct.table.core.windows.net",
            ["PipelineStorage:credential"] = "managedidentity",
            ["PipelineStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), host.Services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), host.Services.GetRequiredService<TableServiceClient>().Uri);
    }

    [Theory]
    [InlineData("PipelineStorage:blobServiceUri", "https://acct.blob.core.windows.net", "tableServiceUri")]
    [InlineData("PipelineStorage:credential", "connectionstring", "credential")]
    [InlineData("PipelineStorage:LedgerContainer", "Ledger_Container", "LedgerContainer")]
    [InlineData("PipelineStorage:ImportsTable", "imports-table", "ImportsTable")]
    [InlineData("PipelineStorage:MaxRetries", "11", "MaxRetries")]
    [InlineData("PipelineStorage:NetworkTimeout", "00:00:00", "NetworkTimeout")]
    public async Task AddPipelineStorage_InvalidSetting_FailsAtStartNamingIt(string key, string value, string named)
    {
        using var host = Build(new() { ["ConnectionStrings:PipelineStorage"] = azurite.ConnectionString, [key] = value });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPipelineStorage_RetrySettings_BothClientsTryOncePlusMaxRetries_EachCutAtTheNetworkTimeout()
    {
        using var silent = new SilentStorage();
        using var host = Build(new()
        {
            ["PipelineStorage"] = silent.ConnectionString,
            ["PipelineStorage:MaxRetries"] = "1",
            ["PipelineStorage:RetryDelay"] = "00:00:00.050",
            ["PipelineStorage:NetworkTimeout"] = "00:00:01",
        });
        var blobs = host.Services.GetRequiredService<BlobServiceClient>();
        var tables = host.Services.GetRequiredService<TableServiceClient>();

        var blob = await Assert.ThrowsAsync<AggregateException>(() => blobs.GetBlobContainerClient("ledger").ExistsAsync());
        var table = await Assert.ThrowsAsync<AggregateException>(() => tables.GetTableClient("Imports").GetEntityIfExistsAsync<TableEntity>("acme", "x"));

        foreach (var failure in new[] { blob, table })
        {
            Assert.Equal(2, failure.InnerExceptions.Count);
            Assert.All(failure.InnerExceptions, attempt => Assert.Contains("configured timeout of 0:00:01", attempt.Message, StringComparison.Ordinal));
        }
    }

    private IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(_names);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPipelineStorage();
        return builder.Build();
    }

    private async Task AssertStorageExistsAsync(IServiceProvider services)
    {
        var blobs = services.GetRequiredService<BlobServiceClient>();
        var tables = services.GetRequiredService<TableServiceClient>();
        foreach (var container in _names.Where(pair => pair.Key.EndsWith("Container", StringComparison.Ordinal)))
        {
            Assert.True(await blobs.GetBlobContainerClient(container.Value).ExistsAsync(), container.Key);
        }

        foreach (var table in _names.Where(pair => pair.Key.EndsWith("Table", StringComparison.Ordinal)))
        {
            var found = new List<string>();
            await foreach (var item in tables.QueryAsync(filter: TableServiceClient.CreateQueryFilter($"TableName eq {table.Value}")))
            {
                found.Add(item.Name ?? "");
            }

            Assert.Equal(table.Value, Assert.Single(found));
        }
    }
}
