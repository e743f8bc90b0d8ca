using Cronos;
using Microsoft.Extensions.Options;
using Pipeline.Application;
using Pipeline.Application.Closes;

namespace Pipeline.LocalHost;

/// <summary>Runs the monthly close on <c>Pipeline:CloseSchedule</c> (six-field NCRONTAB, UTC), like the Functions timer.</summary>
/// <remarks>Which months are due is decided by the close service (<c>CloseLagDays</c>), not by the schedule.</remarks>
internal sealed partial class CloseScheduler(
    MonthCloseService closes,
    IOptions<PipelineOptions> pipeline,
    IOptions<LocalHostOptions> options,
    TimeProvider clock,
    ILogger<CloseScheduler> logger) : BackgroundService
{
    public const string ClosedBy = "schedule";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunCloseSchedule)
        {
            return;
        }

        var schedule = CronExpression.Parse(pipeline.Value.CloseSchedule, CronFormat.IncludeSeconds);
        while (schedule.GetNextOccurrence(clock.GetUtcNow().UtcDateTime, TimeZoneInfo.Utc) is { } next)
        {
            await WaitUntilAsync(new DateTimeOffset(next, TimeSpan.Zero), stoppingToken);
            try
            {
                var outcomes = await closes.CloseDueMonthsAsync(ClosedBy, stoppingToken);
                var months = outcomes.Sum(outcome => outcome.ClosedNow.Count);
                LogCloseRun(months, outcomes.Count);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCloseFailed(exception);
            }
        }
    }

    /// <summary>Waits in steps of at most a day, so a far occurrence never exceeds what one timer can wait.</summary>
    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken stoppingToken)
    {
        for (var left = due - clock.GetUtcNow(); left > TimeSpan.Zero; left = due - clock.GetUtcNow())
        {
            await Task.Delay(left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1), clock, stoppingToken);
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Scheduled close run closed {Months} months over {Tenants} tenants")]
    private partial void LogCloseRun(int months, int tenants);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Scheduled close run failed; it runs again at the next occurrence")]
    private partial void LogCloseFailed(Exception exception);
}
