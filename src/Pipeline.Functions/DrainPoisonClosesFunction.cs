using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Domain;

namespace Pipeline.Functions;

/// <summary>
/// Drains <c>closes-poison</c>: a tenant whose scheduled close failed <c>extensions.queues.maxDequeueCount</c> times
/// is logged as an error naming the tenant and month (an alert on it reaches ops), and the message is removed.
/// </summary>
/// <remarks>
/// Nothing is lost by removing it: the tenant's months stay open, so the next scheduled run enqueues the tenant again
/// (or ops close it by hand once the cause is fixed; docs/operations.md). The drain never rethrows, so it cannot loop
/// into a poison queue of its own.
/// </remarks>
public sealed partial class DrainPoisonClosesFunction(ILogger<DrainPoisonClosesFunction> logger)
{
    [Function(nameof(DrainPoisonClosesFunction))]
    public void Run([QueueTrigger(CloseTenantMessage.PoisonQueueName, Connection = "PipelineStorage")] string message)
    {
        if (CloseTenantMessage.TryParse(message, out var close))
        {
            LogGaveUp(close.Tenant.Value, close.Through);
        }
        else
        {
            LogUnreadable(message?.Length ?? 0);
        }
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Scheduled close of tenant {Tenant} through {Through} failed on every attempt; its months stay open until the next run or a close by hand")]
    private partial void LogGaveUp(string tenant, BillingMonth through);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Message of {Length} characters on the closes poison queue is not a close message; dropped")]
    private partial void LogUnreadable(int length);
}
