using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Application;

namespace Pipeline.Api.Http;

/// <summary>
/// Tells a storage outage from other failures, and answers it: 503 ProblemDetails with <c>Retry-After</c>, the same in
/// both hosts (the local host's exception handler, the Functions app's <see cref="Access.ApiAccess.RunAsync"/>).
/// </summary>
/// <remarks>
/// <para>
/// An outage is what the storage SDK throws once its retries are spent (<c>PipelineStorage:MaxRetries</c>): its own
/// exception when <see cref="IStorageFaults"/> reads it as <see cref="StorageFault.Unavailable"/> (no response, or a
/// transient status), a network failure (<see cref="HttpRequestException"/>, <see cref="HttpIOException"/>,
/// <see cref="SocketException"/>, <see cref="TimeoutException"/>), a cancellation the caller did not ask for (the SDK's
/// network timeout), an exception that wraps one of those, or an <see cref="AggregateException"/> of the tries, every
/// one of them an outage. The SDK's exception read as <see cref="StorageFault.Refused"/> (403 refused by the account,
/// 404, 409, 412) is not, whatever it wraps: the adapters turn the expected ones into values and the rest stay 500s, as
/// a bug does. When the request itself was aborted, nothing is an outage: the caller has gone.
/// </para>
/// <para>
/// <c>Pipeline.Api</c> references no Azure package (DESIGN.md: only <c>Pipeline.Storage</c> does), so the SDK's own
/// exception is judged by the storage adapter's <see cref="IStorageFaults"/>; the rest is judged here.
/// </para>
/// </remarks>
public static partial class StorageUnavailable
{
    /// <summary>What the 503 asks the client to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Whether <paramref name="exception"/> means storage could not be reached or did not answer in time.</summary>
    /// <param name="exception">What the handler threw.</param>
    /// <param name="faults">Reads the storage SDK's own exceptions (the storage adapter's).</param>
    /// <param name="requestAborted">The request's own cancellation: once it is cancelled, a failure is the caller's leaving, not an outage.</param>
    public static bool IsCause(Exception exception, IStorageFaults faults, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(faults);
        return !requestAborted.IsCancellationRequested && IsOutage(exception, faults);
    }

    /// <summary>The 503 ProblemDetails with its <c>Retry-After</c> header; no word of the error itself reaches the client.</summary>
    public static IResult Problem() => new RetryLater(Results.Problem(
        detail: "Storage did not answer or is unavailable, so this request could not be served; try again after the Retry-After delay.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Storage unavailable"));

    /// <summary>Whether the 503 is the answer to <paramref name="exception"/>: an outage, and the response has not started.</summary>
    public static bool Answers(HttpContext context, Exception exception, IStorageFaults faults)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !context.Response.HasStarted && IsCause(exception, faults, context.RequestAborted);
    }

    /// <summary>
    /// Logs the outage behind <paramref name="exception"/> (with the error, for ops) and writes the 503. The log entry is
    /// a warning, not an error: an outage repeats it for every request until storage is back, and it is no bug.
    /// </summary>
    public static Task AnswerAsync(HttpContext context, Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(logger);

        // The path, not the query: a read key may be in the query string.
        LogAnswered(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, exception);
        return Problem().ExecuteAsync(context);
    }

    private static bool IsOutage(Exception exception, IStorageFaults faults) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => IsOutage(inner, faults)),
        HttpRequestException or HttpIOException or SocketException or TimeoutException or OperationCanceledException => true,
        _ => faults.Classify(exception) switch
        {
            StorageFault.Unavailable => true,
            StorageFault.None => exception.InnerException is { } inner && IsOutage(inner, faults),
            _ => false, // Refused: storage answered, and what the exception wraps does not change that

        },
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "HTTP {Method} {Path} answered 503: storage is unavailable")]
    private static partial void LogAnswered(ILogger logger, string method, string path, Exception exception);

    /// <summary>A result with <c>Retry-After</c> set before it is written.</summary>
    private sealed class RetryLater(IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }
}
