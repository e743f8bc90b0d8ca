using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using Pipeline.Api.Access;
using Pipeline.Api.Http;
using Pipeline.Application;

namespace Pipeline.Api.Tests.Http;

/// <summary>
/// Which failures are a storage outage (503 with Retry-After) and which are not (500, or nothing when the caller left):
/// the network failures, wrappers and aggregates judged here, the storage SDK's own exception judged by
/// <see cref="IStorageFaults"/> (a fake here; the Azure one is tested in the storage tests, and through the Functions
/// app in its tests).
/// </summary>
public sealed class StorageUnavailableTests
{
    private static readonly Dictionary<string, Exception> OutageFaults = new(StringComparer.Ordinal)
    {
        ["connection refused"] = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)),
        ["socket error under an I/O error"] = new IOException("Unable to read data from the transport connection", new SocketException((int)SocketError.ConnectionReset)),
        ["response ended"] = new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."),
        ["timeout"] = new TimeoutException(),
        ["network timeout of the SDK"] = new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:30."),
        ["every try failed"] = new AggregateException(new HttpRequestException("Connection refused"), new TaskCanceledException()),
        ["the SDK's own, read as unavailable"] = SdkUnavailable(),
        ["the SDK's own, wrapped"] = new InvalidOperationException("Reading the ledger failed.", SdkUnavailable()),
        ["every try failed at the SDK"] = new AggregateException(SdkUnavailable(), new FakeStorageException(StorageFault.Unavailable, "No response (fake SDK).", new HttpRequestException("Connection refused"))),
    };

    public static TheoryData<string> Outages => [.. OutageFaults.Keys];

    [Theory]
    [MemberData(nameof(Outages))]
    public void IsCause_NetworkFailureOrTimeout_IsAnOutage(string outage)
    {
        Assert.True(StorageUnavailable.IsCause(OutageFaults[outage], FakeStorageFaults.Instance, CancellationToken.None));
    }

    [Fact]
    public void IsCause_RequestAborted_NothingIsAnOutage()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        Assert.False(StorageUnavailable.IsCause(new TaskCanceledException(), FakeStorageFaults.Instance, aborted.Token));
        Assert.False(StorageUnavailable.IsCause(OutageFaults["connection refused"], FakeStorageFaults.Instance, aborted.Token));
        Assert.False(StorageUnavailable.IsCause(SdkUnavailable(), FakeStorageFaults.Instance, aborted.Token));
    }

    [Fact]
    public void IsCause_BugOrBadData_IsNotAnOutage()
    {
        Assert.False(StorageUnavailable.IsCause(new InvalidOperationException("Currencies differ."), FakeStorageFaults.Instance, CancellationToken.None));
        Assert.False(StorageUnavailable.IsCause(new IOException("The stored batch is truncated."), FakeStorageFaults.Instance, CancellationToken.None));
        Assert.False(StorageUnavailable.IsCause(
            new AggregateException(new HttpRequestException("Connection refused"), new InvalidOperationException("A bug.")), FakeStorageFaults.Instance, CancellationToken.None));
        Assert.False(StorageUnavailable.IsCause(new AggregateException(), FakeStorageFaults.Instance, CancellationToken.None));
    }

    [Fact]
    public void IsCause_TheSdksOwnReadAsRefused_IsNotAnOutage_WhateverItWrapsOrWrapsIt()
    {
        var refused = new FakeStorageException(StorageFault.Refused, "403 AuthorizationFailure (fake SDK).");
        var refusedOverANetworkFailure = new FakeStorageException(StorageFault.Refused, "404 (fake SDK).", new HttpRequestException("Connection refused"));

        Assert.False(StorageUnavailable.IsCause(refused, FakeStorageFaults.Instance, CancellationToken.None));
        Assert.False(StorageUnavailable.IsCause(refusedOverANetworkFailure, FakeStorageFaults.Instance, CancellationToken.None));
        Assert.False(StorageUnavailable.IsCause(new InvalidOperationException("Reading the ledger failed.", refused), FakeStorageFaults.Instance, CancellationToken.None));
        Assert.False(StorageUnavailable.IsCause(new AggregateException(SdkUnavailable(), refused), FakeStorageFaults.Instance, CancellationToken.None));
    }

    [Fact]
    public void IsCause_AsksThePortAboutEachExceptionItDoesNotKnow_OneAtATime()
    {
        var faults = new Mock<IStorageFaults>(); // StorageFault.None unless set up
        var sdk = new InvalidDataException("The SDK's own (as the double reads it).");
        faults.Setup(port => port.Classify(sdk)).Returns(StorageFault.Unavailable);
        var wrapper = new InvalidOperationException("Reading the ledger failed.", sdk);

        Assert.True(StorageUnavailable.IsCause(wrapper, faults.Object, CancellationToken.None));
        Assert.True(StorageUnavailable.IsCause(new TimeoutException(), faults.Object, CancellationToken.None));

        Assert.Equal([wrapper, sdk], faults.Invocations.Select(call => (Exception)call.Arguments[0]));
    }

    [Fact]
    public async Task Problem_Is503ProblemDetailsWithRetryAfter()
    {
        var response = await ApiResponse.ExecuteAsync(StorageUnavailable.Problem());

        var detail = response.ProblemDetail(503, "Storage unavailable");
        Assert.Equal("Storage did not answer or is unavailable, so this request could not be served; try again after the Retry-After delay.", detail);
    }

    [Fact]
    public async Task ExceptionHandler_Outage_Writes503WithRetryAfter_AnythingElseIsLeftToTheDefault500()
    {
        var handler = new StorageUnavailableExceptionHandler(FakeStorageFaults.Instance, Logger<StorageUnavailableExceptionHandler>().Object);
        var outage = Context();
        var sdkOutage = Context();
        var bug = Context();
        var refused = Context();

        Assert.True(await handler.TryHandleAsync(outage, OutageFaults["connection refused"], CancellationToken.None));
        Assert.True(await handler.TryHandleAsync(sdkOutage, SdkUnavailable(), CancellationToken.None));
        Assert.False(await handler.TryHandleAsync(bug, new InvalidOperationException("A bug."), CancellationToken.None));
        Assert.False(await handler.TryHandleAsync(refused, new FakeStorageException(StorageFault.Refused, "403 (fake SDK)."), CancellationToken.None));

        Assert.Equal((503, "30", "application/problem+json"), (outage.Response.StatusCode, outage.Response.Headers.RetryAfter.ToString(), outage.Response.ContentType));
        Assert.Equal((503, "30", "application/problem+json"), (sdkOutage.Response.StatusCode, sdkOutage.Response.Headers.RetryAfter.ToString(), sdkOutage.Response.ContentType));
        Assert.Equal((200, 0L), (bug.Response.StatusCode, bug.Response.Body.Length));
        Assert.Equal((200, 0L), (refused.Response.StatusCode, refused.Response.Body.Length));
    }

    [Fact]
    public async Task ExceptionHandler_Outage_IsLoggedAsAWarningWithTheError_AnythingElseIsNotLoggedHere()
    {
        var logger = Logger<StorageUnavailableExceptionHandler>();
        var handler = new StorageUnavailableExceptionHandler(FakeStorageFaults.Instance, logger.Object);
        var outage = SdkUnavailable();

        await handler.TryHandleAsync(Context(), outage, CancellationToken.None);
        await handler.TryHandleAsync(Context(), new InvalidOperationException("A bug."), CancellationToken.None);

        Assert.Equal((LogLevel.Warning, 4001, (Exception?)outage), Assert.Single(Logged(logger)));
    }

    [Fact]
    public async Task ApiAccessRunAsync_Outage_Writes503WithRetryAfter_LoggedAsAWarning_AnythingElsePropagates()
    {
        var logger = Logger<ApiAccess>();
        var access = new ApiAccess(
            Options.Create(new ApiAccessOptions { Mode = ApiAccessMode.None }), new ConfigurationBuilder().Build(), FakeStorageFaults.Instance, logger.Object);
        var context = Context();
        var outage = SdkUnavailable();
        var refused = new FakeStorageException(StorageFault.Refused, "403 (fake SDK).");

        await access.RunAsync(context.Request, "acme", ApiPermission.Read, () => throw outage);
        var failure = await Assert.ThrowsAsync<FakeStorageException>(() => access.RunAsync(Context().Request, "acme", ApiPermission.Read, () => throw refused));

        Assert.Equal((503, "30", "application/problem+json"), (context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString(), context.Response.ContentType));
        Assert.Same(refused, failure);
        Assert.Equal((LogLevel.Warning, 4001, (Exception?)outage), Assert.Single(Logged(logger)));
    }

    private static FakeStorageException SdkUnavailable() =>
        new(StorageFault.Unavailable, "503 ServerBusy after the retries (fake SDK).");

    private static Mock<ILogger<T>> Logger<T>()
    {
        var logger = new Mock<ILogger<T>>();
        logger.Setup(log => log.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        return logger;
    }

    /// <summary>Every entry written to <paramref name="logger"/>: level, event id and exception.</summary>
    private static List<(LogLevel Level, int EventId, Exception? Exception)> Logged<T>(Mock<ILogger<T>> logger) =>
        logger.Invocations
            .Where(call => call.Method.Name == nameof(ILogger.Log))
            .Select(call => ((LogLevel)call.Arguments[0], ((EventId)call.Arguments[1]).Id, call.Arguments[3] as Exception))
            .ToList();

    private static DefaultHttpContext Context() => new()
    {
        RequestServices = ApiResponse.Services,
        Response = { Body = new MemoryStream() },
    };
}
