using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.Api.Http;

/// <summary>
/// Tells a storage outage from other failures, and answers it: 503 ProblemDetails with <c>Retry-After</c>, the same in
/// both hosts (the local host's exception handler, the Functions app's <see cref="Access.ApiAccess.RunAsync"/>).
/// </summary>
/// <remarks>
/// <para>
/// An outage is what the Azure SDK throws once its retries are spent (<c>PipelineStorage:MaxRetries</c>): an
/// <c>Azure.RequestFailedException</c> with no response (status 0) or a transient one (408, 429, 500, 502, 503, 504,
/// the statuses the SDK retries), a network failure (<see cref="HttpRequestException"/>, <see cref="HttpIOException"/>,
/// <see cref="SocketException"/>, <see cref="TimeoutException"/>), a cancellation the caller did not ask for (the SDK's
/// network timeout), or an <see cref="AggregateException"/> of the tries, every one of them an outage. A 4xx that
/// the client caused (403 refused by the account, 404, 409, 412) is not: the adapters turn the expected ones into
/// values and the rest stay 500s, as a bug does. When the request itself was aborted, nothing is an outage: the caller
/// has gone.
/// </para>
/// <para>
/// <c>Pipeline.Api</c> references no Azure package (DESIGN.md: only <c>Pipeline.Storage</c> does), so the SDK's one
/// exception type is recognised by its name and its <c>Status</c>.
/// </para>
/// </remarks>
public static partial class StorageUnavailable
{
    /// <summary>What the 503 asks the client to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private const string RequestFailedException = "Azure.RequestFailedException";

    private static readonly int[] TransientStatuses = [0, 408, 429, 500, 502, 503, 504];

    /// <summary>Whether <paramref name="exception"/> means storage could not be reached or did not answer in time.</summary>
    /// <param name="exception">What the handler threw.</param>
    /// <param name="requestAborted">The request's own cancellation: once it is cancelled, a failure is the caller's leaving, not an outage.</param>
    public static bool IsCause(Exception exception, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return !requestAborted.IsCancellationRequested && IsOutage(exception);
    }

    /// <summary>The 503 ProblemDetails with its <c>Retry-After</c> header; no word of the error itself reaches the client.</summary>
    public static IResult Problem() => new RetryLater(Results.Problem(
        detail: "Storage did not answer or is unavailable, so this request could not be served; try again after the Retry-After delay.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Storage unavailable"));

    /// <summary>Whether the 503 is the answer to <paramref name="exception"/>: an outage, and the response has not started.</summary>
    public static bool Answers(HttpContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !context.Response.HasStarted && IsCause(exception, context.RequestAborted);
    }

    /// <summary>Logs the outage behind <paramref name="exception"/> (with the error, for ops) and writes the 503.</summary>
    public static Task AnswerAsync(HttpContext context, Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(logger);

        // The path, not the query: a read key may be in the query string.
        LogAnswered(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, exception);
        return Problem().ExecuteAsync(context);
    }

    private static bool IsOutage(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsOutage),
        HttpRequestException or HttpIOException or SocketException or TimeoutException or OperationCanceledException => true,
        _ when IsRequestFailed(exception.GetType()) => TransientStatuses.Contains(Status(exception)),
        _ => exception.InnerException is { } inner && IsOutage(inner),
    };

    private static bool IsRequestFailed(Type? type) =>
        type is not null && (type.FullName == RequestFailedException || IsRequestFailed(type.BaseType));

    private static int Status(Exception requestFailed) =>
        requestFailed.GetType().GetProperty("Status")?.GetValue(requestFailed) as int? ?? -1;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "HTTP {Method} {Path} answered 503: storage is unavailable")]
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
