using Pipeline.Application;

namespace Pipeline.Api.Tests.Http;

/// <summary>
/// <see cref="IStorageFaults"/> for a storage SDK of the tests' own, whose one exception type is
/// <see cref="FakeStorageException"/>: it reads that exception by the fault it carries, and nothing else.
/// </summary>
internal sealed class FakeStorageFaults : IStorageFaults
{
    public static readonly FakeStorageFaults Instance = new();

    public StorageFault Classify(Exception exception) =>
        exception is FakeStorageException own ? own.Fault : StorageFault.None;
}

/// <summary>The fake storage SDK's exception for a failed call, as <see cref="FakeStorageFaults"/> reads it.</summary>
public sealed class FakeStorageException : Exception
{
    public FakeStorageException()
    {
    }

    public FakeStorageException(string message)
        : base(message)
    {
    }

    public FakeStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FakeStorageException(StorageFault fault, string message, Exception? innerException = null)
        : base(message, innerException) => Fault = fault;

    public StorageFault Fault { get; }
}
