using Microsoft.Azure.Functions.Worker;
using Pipeline.Application.Closes;

namespace Pipeline.Functions;

/// <summary>Runs the monthly close on <c>Pipeline:CloseSchedule</c>; the service decides which months are due.</summary>
public sealed class CloseMonthsFunction(MonthCloseService closes)
{
    [Function(nameof(CloseMonthsFunction))]
    public Task RunAsync(
        [TimerTrigger("%Pipeline:CloseSchedule%", UseMonitor = true, RunOnStartup = false)] TimerInfo timer,
        CancellationToken cancellationToken) =>
        closes.CloseDueMonthsAsync("schedule", cancellationToken);
}
