using Microsoft.Extensions.Options;
using Pipeline.Application.Imports;

namespace Pipeline.LocalHost;

/// <summary>The local stand-in for the blob trigger: lists <c>exports</c> every few seconds and ingests what is new.</summary>
/// <remarks>The sweep keeps its own bounded retry count per file, so a failing file never stops the loop.</remarks>
internal sealed partial class ExportFolderWatcher(
    ExportSweepService sweep,
    IOptions<LocalHostOptions> options,
    TimeProvider clock,
    ILogger<ExportFolderWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                var processed = await sweep.SweepAsync(stoppingToken);
                if (processed > 0)
                {
                    LogProcessed(processed);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPollFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Ingested {Count} new export files")]
    private partial void LogProcessed(int count);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Listing the exports container failed; retrying at the next poll")]
    private partial void LogPollFailed(Exception exception);
}
