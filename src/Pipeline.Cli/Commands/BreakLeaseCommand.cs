using System.CommandLine;
using Pipeline.Application.Closes;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline break-lease --tenant T --reason TEXT [--by NAME]</c>: breaks the tenant's close lease (a closer whose host
/// died keeps it until it expires) and records who broke whose lease and why in the close audit trail.
/// </summary>
internal static class BreakLeaseCommand
{
    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var tenant = CliSymbols.RequiredTenant();
        var reason = new Option<string>("--reason", "-r")
        {
            Description = "Why the lease is broken (required; recorded in the audit trail).",
            HelpName = "text",
            Required = true,
        };
        reason.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (MonthCloseService.LeaseBreakProblem(text) is { } problem)
            {
                result.AddError($"--reason: {problem}");
            }
        });
        var by = CliSymbols.By();
        var command = new Command("break-lease", "Break a tenant's close lease held by a dead closer, with a reason.") { tenant, reason, by };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantId = parsed.GetValue(tenant);
            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            console.Progress($"Breaking the close lease of {tenantId} ...");
            var result = await host.Get<MonthCloseService>().BreakLeaseAsync(
                tenantId, parsed.GetValue(reason)!.Trim(), parsed.GetValue(by)!, cancellationToken);
            if (result.Kind != CloseLeaseBreakKind.Broken)
            {
                return console.Fail(result.Message);
            }

            await console.Out.WriteLineAsync(result.Message);
            return Program.Success;
        });
        return command;
    }
}
