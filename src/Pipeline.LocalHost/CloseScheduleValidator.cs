using Cronos;
using Microsoft.Extensions.Options;
using Pipeline.Application;

namespace Pipeline.LocalHost;

/// <summary>Fails start-up when <c>Pipeline:CloseSchedule</c> is not a six-field NCRONTAB expression.</summary>
internal sealed class CloseScheduleValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        try
        {
            CronExpression.Parse(options.CloseSchedule, CronFormat.IncludeSeconds);
            return ValidateOptionsResult.Success;
        }
        catch (CronFormatException exception)
        {
            return ValidateOptionsResult.Fail(
                $"Pipeline:CloseSchedule '{options.CloseSchedule}' is not a six-field NCRONTAB expression (seconds first, e.g. '0 0 2 * * *'): {exception.Message}");
        }
    }
}
