using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Application;

namespace Pipeline.Api.Http;

/// <summary>The local host's answer to a storage outage: <see cref="StorageUnavailable"/>'s 503 instead of a 500.</summary>
/// <remarks>
/// Runs in <c>UseExceptionHandler</c> before the default ProblemDetails 500; every other exception is left to that.
/// The Functions app, which has no such middleware, answers the same in <see cref="Access.ApiAccess.RunAsync"/>. The
/// storage SDK's own exceptions are read by <see cref="IStorageFaults"/>, which the host's <c>AddPipelineStorage</c> registers.
/// </remarks>
public sealed class StorageUnavailableExceptionHandler(IStorageFaults faults, ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (!StorageUnavailable.Answers(httpContext, exception, faults))
        {
            return false;
        }

        await StorageUnavailable.AnswerAsync(httpContext, exception, logger);
        return true;
    }
}
