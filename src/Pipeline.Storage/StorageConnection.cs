using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Pipeline.Storage;

/// <summary>Turns the <c>PipelineStorage</c> settings into service clients (one credential and the same retry settings for both).</summary>
internal sealed class StorageConnection(IOptions<PipelineStorageOptions> options, IConfiguration configuration)
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private readonly Lazy<TokenCredential> _credential = new(() => CreateCredential(options.Value));

    public BlobServiceClient CreateBlobServiceClient() =>
        options.Value.IsIdentityBased
            ? new BlobServiceClient(options.Value.BlobServiceUri, _credential.Value, WithRetries(new BlobClientOptions()))
            : new BlobServiceClient(ConnectionString(configuration), WithRetries(new BlobClientOptions()));

    public TableServiceClient CreateTableServiceClient() =>
        options.Value.IsIdentityBased
            ? new TableServiceClient(options.Value.TableServiceUri, _credential.Value, WithRetries(new TableClientOptions()))
            : new TableServiceClient(ConnectionString(configuration), WithRetries(new TableClientOptions()));

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

    /// <summary>The retry settings of <see cref="PipelineStorageOptions"/> on a client's options (exponential back-off).</summary>
    private T WithRetries<T>(T clientOptions)
        where T : ClientOptions
    {
        var settings = options.Value;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = settings.MaxRetries;
        clientOptions.Retry.Delay = settings.RetryDelay;
        clientOptions.Retry.NetworkTimeout = settings.NetworkTimeout;
        return clientOptions;
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
