using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Closes;
using Pipeline.Domain;

namespace Pipeline.Functions;

/// <summary>Closes one tenant's due months: a message of the <c>closes</c> queue, enqueued by <see cref="CloseMonthsFunction"/>.</summary>
/// <remarks>
/// <para>
/// Runs <see cref="MonthCloseService.CloseThroughAsync"/> through the message's month, as <c>schedule</c>. The tenant's
/// close lease keeps one closer per tenant: a message that finds it held (an ops close running, or the same message
/// delivered twice) ends as <see cref="CloseOutcomeKind.Busy"/>, which is not an error, and the next scheduled run
/// closes whatever is still due. A month without an exchange rate stops the close there with a warning; ops drop the
/// rates file and the next run goes on.
/// </para>
/// <para>
/// An infrastructure error propagates: the runtime makes the message visible again after
/// <c>extensions.queues.visibilityTimeout</c> and, after <c>maxDequeueCount</c> attempts, moves it to
/// <c>closes-poison</c> (<see cref="DrainPoisonClosesFunction"/>). A close that failed half way converges when it is
/// run again. A message that is not a close message can never succeed, so it is logged and consumed.
/// </para>
/// </remarks>
public sealed partial class CloseTenantFunction(MonthCloseService closes, ILogger<CloseTenantFunction> logger)
{
    /// <summary>Who the close records name as closer, as for the local host's scheduler.</summary>
    public const string ClosedBy = "schedule";

    [Function(nameof(CloseTenantFunction))]
    public async Task RunAsync(
        [QueueTrigger(CloseTenantMessage.QueueName, Connection = "PipelineStorage")] string message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!CloseTenantMessage.TryParse(message, out var close))
        {
            LogUnreadable(message?.Length ?? 0);
            return;
        }

        var attempt = DequeueCount(context);
        var outcome = await closes.CloseThroughAsync(close.Tenant, close.Through, ClosedBy, cancellationToken);
        if (outcome.Kind is CloseOutcomeKind.Closed or CloseOutcomeKind.Busy)
        {
            LogClosed(close.Tenant.Value, close.Through, outcome.Kind, outcome.ClosedNow.Count, attempt);
        }
        else
        {
            LogStopped(close.Tenant.Value, close.Through, outcome.Kind, outcome.ClosedNow.Count, outcome.Message);
        }
    }

    /// <summary>The attempt this is (the queue trigger's <c>DequeueCount</c>), 0 when the runtime did not say.</summary>
    private static long DequeueCount(FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("DequeueCount", out var value)
            && long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Scheduled close of tenant {Tenant} through {Through}: {Outcome}, {Months} months closed (attempt {Attempt})")]
    private partial void LogClosed(string tenant, BillingMonth through, CloseOutcomeKind outcome, int months, long attempt);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Scheduled close of tenant {Tenant} through {Through} stopped: {Outcome} after {Months} months closed; {Reason}")]
    private partial void LogStopped(string tenant, BillingMonth through, CloseOutcomeKind outcome, int months, string? reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Message of {Length} characters on the closes queue is not a close message; dropped")]
    private partial void LogUnreadable(int length);
}
