using System.CommandLine;
using System.Globalization;
using Pipeline.Application;
using Pipeline.Application.Closes;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline close MONTH --tenant T [--by NAME]</c>: closes every open month of the tenant through MONTH, oldest
/// first, in one run, reporting each month as it is locked (with its warning, when its end is past the data horizon).
/// </summary>
internal static class CloseCommand
{
    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var month = CliSymbols.Month("The last month to close (yyyy-MM); every open month before it is closed first.");
        var tenant = CliSymbols.RequiredTenant();
        var by = CliSymbols.By();
        var command = new Command("close", "Close a tenant's months through MONTH (locks their figures and snapshots).") { month, tenant, by };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (through, tenantId, closedBy) = (parsed.GetValue(month), parsed.GetValue(tenant), parsed.GetValue(by)!);
            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var closes = host.Get<MonthCloseService>();
            if (!host.Get<TenantSettings>().For(tenantId).HasEnded(through, host.Get<TimeProvider>().GetUtcNow()))
            {
                // Nothing is closed on the way to a month that cannot be closed yet: the service says why.
                var refused = await closes.CloseThroughAsync(tenantId, through, closedBy, cancellationToken);
                return console.Fail(refused.Message ?? $"{through} cannot be closed yet ({refused.Kind}).");
            }

            // One run closes every open month through MONTH: the ledger is read once and the open months after it are
            // refreshed once, at the end. Each month is reported as it is locked.
            console.Progress($"Closing {tenantId} through {through} ...");
            var outcome = await closes.CloseThroughAsync(
                tenantId, through, closedBy, cancellationToken, new ImmediateProgress<CloseRecord>(record => console.Out.WriteLine(Describe(record))));
            var closedNow = outcome.ClosedNow.Count;
            switch (outcome.Kind)
            {
                case CloseOutcomeKind.Closed:
                    break;
                case CloseOutcomeKind.Busy:
                    return console.Fail($"another close of {tenantId} is running: try again when it has finished. {outcome.Message}".TrimEnd());
                default:
                    return console.Fail(outcome.Message ?? $"{through} could not be closed ({outcome.Kind}).");
            }

            await console.Out.WriteLineAsync(closedNow == 0
                ? $"Every month of {tenantId} through {through} was already closed."
                : string.Create(CultureInfo.InvariantCulture, $"Closed {closedNow} month(s) of {tenantId} through {through}."));
            return Program.Success;
        });
        return command;
    }

    internal static string Describe(CloseRecord record) => string.Create(
        CultureInfo.InvariantCulture,
        $"{record.Month}  closed  v{record.Version}  MRR {record.Currency.Round(record.Mrr)} {record.Currency}  customers {record.Customers}  by {record.ClosedBy}")
        + (record.Warning is { } warning ? $"{Environment.NewLine}  warning: {warning}" : string.Empty);
}
