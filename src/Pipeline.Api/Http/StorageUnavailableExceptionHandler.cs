using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.Api.Http;

/// <summary>The local host's answer to a storage outage: <see cref="StorageUnavailable"/>'s 503 instead of a 500.</summary>
/// <remarks>
/// Runs in <c>UseExceptionHandler</c> before the default ProblemDetails 500; every other exception is left to that.
/// The Functions app, which has no such middleware, answers the same in <see cref="Access.ApiAccess.RunAsync"/>.
/// </remarks>
public sealed class StorageUnavailableExceptionHandler(ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (!StorageUnavailable.Answers(httpContext, exception))
        {
            return false;
        }

        await StorageUnavailable.AnswerAsync(httpContext, exception, logger);
        return true;
    }
}
