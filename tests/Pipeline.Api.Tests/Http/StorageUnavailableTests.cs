using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Api.Http;

namespace Pipeline.Api.Tests.Http;

/// <summary>
/// Which failures are a storage outage (503 with Retry-After) and which are not (500, or nothing when the caller left);
/// the Azure SDK's own exception type is covered in the Functions tests, which reference it.
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
    };

    public static TheoryData<string> Outages => [.. OutageFaults.Keys];

    [Theory]
    [MemberData(nameof(Outages))]
    public void IsCause_NetworkFailureOrTimeout_IsAnOutage(string outage)
    {
        Assert.True(StorageUnavailable.IsCause(OutageFaults[outage], CancellationToken.None));
    }

    [Fact]
    public void IsCause_RequestAborted_NothingIsAnOutage()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        Assert.False(StorageUnavailable.IsCause(new TaskCanceledException(), aborted.Token));
        Assert.False(StorageUnavailable.IsCause(OutageFaults["connection refused"], aborted.Token));
    }

    [Fact]
    public void IsCause_BugOrBadData_IsNotAnOutage()
    {
        Assert.False(StorageUnavailable.IsCause(new InvalidOperationException("Currencies differ."), CancellationToken.None));
        Assert.False(StorageUnavailable.IsCause(new IOException("The stored batch is truncated."), CancellationToken.None));
        Assert.False(StorageUnavailable.IsCause(
            new AggregateException(new HttpRequestException("Connection refused"), new InvalidOperationException("A bug.")), CancellationToken.None));
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
        var handler = new StorageUnavailableExceptionHandler(NullLogger<StorageUnavailableExceptionHandler>.Instance);
        var outage = Context();
        var bug = Context();

        Assert.True(await handler.TryHandleAsync(outage, OutageFaults["connection refused"], CancellationToken.None));
        Assert.False(await handler.TryHandleAsync(bug, new InvalidOperationException("A bug."), CancellationToken.None));

        Assert.Equal((503, "30", "application/problem+json"), (outage.Response.StatusCode, outage.Response.Headers.RetryAfter.ToString(), outage.Response.ContentType));
        Assert.Equal((200, 0L), (bug.Response.StatusCode, bug.Response.Body.Length));
    }

    private static DefaultHttpContext Context() => new()
    {
        RequestServices = ApiResponse.Services,
        Response = { Body = new MemoryStream() },
    };
}
