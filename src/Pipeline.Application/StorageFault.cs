namespace Pipeline.Application;

/// <summary>What an exception says about storage, as <see cref="IStorageFaults"/> reads it.</summary>
public enum StorageFault
{
    /// <summary>Not the storage SDK's own report of a failed call: what it wraps, if anything, may still be one.</summary>
    None,

    /// <summary>
    /// Storage could not be reached or did not serve the call, once the SDK's retries were spent: no response at all,
    /// or a status the SDK retries (408, 429, 500, 502, 503, 504). An outage: the same call may succeed later.
    /// </summary>
    Unavailable,

    /// <summary>
    /// Storage answered, with a failure that trying again will not change: a 4xx the caller caused (403 refused by the
    /// account, 404, 409, 412) or a status the SDK does not retry. Not an outage, whatever the exception wraps.
    /// </summary>
    Refused,
}
