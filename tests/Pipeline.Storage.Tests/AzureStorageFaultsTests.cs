using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Storage.Blobs;
using Pipeline.Application;

namespace Pipeline.Storage.Tests;

/// <summary>
/// The Azure SDK's <see cref="RequestFailedException"/> as <see cref="IStorageFaults"/> reads it: no response or a
/// status the SDK retries is an outage, any other status is storage's answer; nothing else is the SDK's own.
/// </summary>
public sealed class AzureStorageFaultsTests
{
    private readonly AzureStorageFaults _faults = new();

    [Theory]
    [InlineData(408, "OperationTimedOut")]
    [InlineData(429, "TooManyRequests")]
    [InlineData(500, "InternalError")]
    [InlineData(502, "BadGateway")]
    [InlineData(503, "ServerBusy")]
    [InlineData(504, "GatewayTimeout")]
    public void Classify_StatusTheSdkRetries_IsUnavailable(int status, string errorCode)
    {
        var failure = new RequestFailedException(status, $"Status {status} after the retries (test).", errorCode, null);

        Assert.Equal(StorageFault.Unavailable, _faults.Classify(failure));
    }

    [Fact]
    public void Classify_NoResponse_Status0_IsUnavailable()
    {
        var failure = new RequestFailedException(
            "Connection refused (127.0.0.1:10000)", new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.Equal((0, StorageFault.Unavailable), (failure.Status, _faults.Classify(failure)));
    }

    [Theory]
    [InlineData(400, "InvalidInput")]
    [InlineData(403, "AuthorizationFailure")]
    [InlineData(404, "BlobNotFound")]
    [InlineData(409, "EntityAlreadyExists")]
    [InlineData(412, "ConditionNotMet")]
    [InlineData(501, "NotImplemented")]
    public void Classify_StatusTheSdkDoesNotRetry_IsRefused(int status, string errorCode)
    {
        var failure = new RequestFailedException(status, $"Status {status} (test).", errorCode, null);

        Assert.Equal(StorageFault.Refused, _faults.Classify(failure));
    }

    [Fact]
    public void Classify_RefusedOverANetworkFailure_IsStillRefused()
    {
        var failure = new RequestFailedException(404, "Not found (test).", "BlobNotFound", new HttpRequestException("Connection reset"));

        Assert.Equal(StorageFault.Refused, _faults.Classify(failure));
    }

    [Fact]
    public void Classify_AnythingButTheSdksOwn_IsNone_EvenWhenItWrapsOrAggregatesTheSdksOwn()
    {
        var unavailable = new RequestFailedException(503, "Server busy (test).", "ServerBusy", null);

        Assert.Equal(StorageFault.None, _faults.Classify(new HttpRequestException("Connection refused")));
        Assert.Equal(StorageFault.None, _faults.Classify(new TaskCanceledException()));
        Assert.Equal(StorageFault.None, _faults.Classify(new InvalidOperationException("Reading the ledger failed.", unavailable)));
        Assert.Equal(StorageFault.None, _faults.Classify(new AggregateException(unavailable, unavailable)));
    }

    [Fact]
    public async Task Classify_WhatTheSdkThrowsWhenNothingListens_IsUnavailable()
    {
        var options = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
        var blobs = new BlobServiceClient(new Uri($"http://127.0.0.1:{ClosedPort()}/devstoreaccount1"), options);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => blobs.GetBlobContainerClient("ledger").ExistsAsync());

        Assert.Equal((0, StorageFault.Unavailable), (failure.Status, _faults.Classify(failure)));
    }

    /// <summary>A loopback port that nothing listens on: one just given up by a listener.</summary>
    private static int ClosedPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
