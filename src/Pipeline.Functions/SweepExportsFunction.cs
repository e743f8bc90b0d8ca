using Microsoft.Azure.Functions.Worker;
using Pipeline.Application.Imports;

namespace Pipeline.Functions;

/// <summary>Daily reconciliation: ingests any file in <c>exports</c> that has no import record (a missed event).</summary>
public sealed class SweepExportsFunction(ExportSweepService sweep)
{
    [Function(nameof(SweepExportsFunction))]
    public Task RunAsync([TimerTrigger("0 30 1 * * *", UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.SweepAsync(cancellationToken);
}
