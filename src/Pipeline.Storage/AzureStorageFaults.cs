using Azure;
using Pipeline.Application;

namespace Pipeline.Storage;

/// <summary><see cref="IStorageFaults"/> for the Azure SDK: its one exception type for a failed call, <see cref="RequestFailedException"/>.</summary>
/// <remarks>
/// The SDK throws it once its retries (<c>PipelineStorage:MaxRetries</c>) are spent, with status 0 when no response came
/// (the network failure is its inner exception) and with the response's status otherwise. The statuses that mean
/// <see cref="StorageFault.Unavailable"/> are the ones the SDK's retry policy retries; any other status, 4xx above all,
/// is <see cref="StorageFault.Refused"/>: the adapters turn the expected ones (404, 409, 412) into values, and the rest
/// are failures a retry would not change.
/// </remarks>
internal sealed class AzureStorageFaults : IStorageFaults
{
    public StorageFault Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            RequestFailedException { Status: 0 or 408 or 429 or 500 or 502 or 503 or 504 } => StorageFault.Unavailable,
            RequestFailedException => StorageFault.Refused,
            _ => StorageFault.None,
        };
    }
}
