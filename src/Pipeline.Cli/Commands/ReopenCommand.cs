using System.CommandLine;
using System.Globalization;
using Pipeline.Application.Closes;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline reopen MONTH --tenant T --reason TEXT [--by NAME]</c>: reopens MONTH and every later closed month;
/// the reason goes into the audit trail, and re-closing writes new versions.
/// </summary>
internal static class ReopenCommand
{
    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var month = CliSymbols.Month("The month to reopen (yyyy-MM); every later closed month is reopened too.");
        var tenant = CliSymbols.RequiredTenant();
        var reason = new Option<string>("--reason", "-r")
        {
            Description = "Why the month is reopened (required; recorded in the audit trail).",
            HelpName = "text",
            Required = true,
        };
        reason.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                result.AddError("--reason must not be empty: say why the month is reopened.");
            }
            else if (ReopenReason.Problem(text) is { } problem)
            {
                result.AddError($"--reason: {problem}");
            }
        });
        var by = CliSymbols.By();
        var command = new Command("reopen", "Reopen a closed month and every later closed month, with a reason.") { month, tenant, reason, by };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (target, tenantId) = (parsed.GetValue(month), parsed.GetValue(tenant));
            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            console.Progress($"Reopening {tenantId} {target} ...");
            var outcome = await host.Get<MonthCloseService>().ReopenAsync(
                tenantId, target, parsed.GetValue(reason)!.Trim(), parsed.GetValue(by)!, cancellationToken);
            switch (outcome.Kind)
            {
                case CloseOutcomeKind.Reopened:
                    foreach (var record in outcome.ClosedNow)
                    {
                        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"{record.Month}  reopened  v{record.Version} stays readable; the next close writes v{record.Version + 1}"));
                    }

                    await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"Reopened {outcome.ClosedNow.Count} month(s) of {tenantId} from {target}; the reason is in the audit trail."));
                    return Program.Success;
                case CloseOutcomeKind.Busy:
                    return console.Fail($"another close of {tenantId} is running: try again when it has finished. {outcome.Message}".TrimEnd());
                default:
                    return console.Fail(outcome.Message ?? $"{target} could not be reopened ({outcome.Kind}).");
            }
        });
        return command;
    }
}
