using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Closes;

namespace Pipeline.Functions;

/// <summary>
/// The scheduled close, fanned out: on <c>Pipeline:CloseSchedule</c> it enqueues one <c>closes</c> message per tenant
/// with months due (<see cref="DueCloses"/>), and <see cref="CloseTenantFunction"/> closes each tenant on its own.
/// </summary>
/// <remarks>
/// The messages are the function's return value, written by the queue output binding (connection
/// <c>PipelineStorage</c>, the data account) once the function returns; none when nothing is due. So tenants close in
/// parallel across instances, one tenant's failure is retried and poisoned on its own, and one timer invocation stays
/// short whatever the number of tenants. Listing the due tenants reads one close record per tenant; a storage error
/// propagates and fails the run, and the next scheduled run lists again.
/// </remarks>
public sealed partial class CloseMonthsFunction(DueCloses dueCloses, ILogger<CloseMonthsFunction> logger)
{
    [Function(nameof(CloseMonthsFunction))]
    [QueueOutput(CloseTenantMessage.QueueName, Connection = "PipelineStorage")]
    public async Task<string[]> RunAsync(
        [TimerTrigger("%Pipeline:CloseSchedule%", UseMonitor = true, RunOnStartup = false)] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        var due = await dueCloses.ListAsync(cancellationToken);
        LogEnqueued(due.Count);
        return due.Select(close => CloseTenantMessage.From(close).ToJson()).ToArray();
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Scheduled close: {Tenants} tenants with months due enqueued")]
    private partial void LogEnqueued(int tenants);
}
