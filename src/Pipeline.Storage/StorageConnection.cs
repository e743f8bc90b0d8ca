using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Pipeline.Storage;

/// <summary>Turns the <c>PipelineStorage</c> settings into service clients (one credential shared by both).</summary>
internal sealed class StorageConnection(IOptions<PipelineStorageOptions> options, IConfiguration configuration)
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private readonly Lazy<TokenCredential> _credential = new(() => CreateCredential(options.Value));

    public BlobServiceClient CreateBlobServiceClient() =>
        options.Value.IsIdentityBased
            ? new BlobServiceClient(options.Value.BlobServiceUri, _credential.Value)
            : new BlobServiceClient(ConnectionString(configuration));

    public TableServiceClient CreateTableServiceClient() =>
        options.Value.IsIdentityBased
            ? new TableServiceClient(options.Value.TableServiceUri, _credential.Value)
            : new TableServiceClient(ConnectionString(configuration));

    /// <summary><c>ConnectionStrings:PipelineStorage</c>, else a plain <c>PipelineStorage</c> value, else Azurite.</summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var named = configuration.GetConnectionString(PipelineStorageOptions.SectionName);
        if (!string.IsNullOrWhiteSpace(named))
        {
            return named;
        }

        var plain = configuration[PipelineStorageOptions.SectionName];
        return string.IsNullOrWhiteSpace(plain) ? DevelopmentStorage : plain;
    }

    private static TokenCredential CreateCredential(PipelineStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Credential))
        {
            return new DefaultAzureCredential();
        }

        var identity = string.IsNullOrWhiteSpace(options.ClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ClientId);
        return new ManagedIdentityCredential(identity);
    }
}
