using System.CommandLine;
using System.Globalization;
using Pipeline.Application;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline close MONTH --tenant T [--by NAME]</c>: closes every open month of the tenant through MONTH, oldest
/// first, one month at a time so each closed month is reported as it is locked.
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

            var records = await closes.ListAsync(tenantId, cancellationToken);
            var start = await FirstCandidateAsync(host, tenantId, through, cancellationToken);
            var closedNow = 0;
            for (var current = start; current <= through; current = current.Next())
            {
                if (current < through && records.Any(record => record.Month == current && record.Status == CloseStatus.Closed))
                {
                    continue;
                }

                console.Progress($"Closing {tenantId} {current} ...");
                var outcome = await closes.CloseThroughAsync(tenantId, current, closedBy, cancellationToken);
                foreach (var record in outcome.ClosedNow)
                {
                    closedNow++;
                    await console.Out.WriteLineAsync(Describe(record));
                }

                switch (outcome.Kind)
                {
                    case CloseOutcomeKind.Closed:
                        continue;
                    case CloseOutcomeKind.BeforeFirstMonth when current < through:
                        continue;
                    case CloseOutcomeKind.Busy:
                        return console.Fail($"another close of {tenantId} is running: try again when it has finished. {outcome.Message}".TrimEnd());
                    default:
                        return console.Fail(outcome.Message ?? $"{current} could not be closed ({outcome.Kind}).");
                }
            }

            await console.Out.WriteLineAsync(closedNow == 0
                ? $"Every month of {tenantId} through {through} was already closed."
                : string.Create(CultureInfo.InvariantCulture, $"Closed {closedNow} month(s) of {tenantId} through {through}."));
            return Program.Success;
        });
        return command;
    }

    /// <summary>The first month that may need closing: the earliest month of any accepted import, or MONTH itself.</summary>
    private static async Task<BillingMonth> FirstCandidateAsync(
        CliHost host, TenantId tenant, BillingMonth through, CancellationToken cancellationToken)
    {
        var imports = await host.Get<ImportQueryService>().ListAsync(tenant, cancellationToken);
        var first = imports
            .Where(record => record.Status == ImportStatus.Accepted && record.FirstMonth is not null)
            .Select(record => record.FirstMonth!.Value)
            .DefaultIfEmpty(through)
            .Min();
        return first < through ? first : through;
    }

    internal static string Describe(CloseRecord record) => string.Create(
        CultureInfo.InvariantCulture,
        $"{record.Month}  closed  v{record.Version}  MRR {record.Currency.Round(record.Mrr)} {record.Currency}  customers {record.Customers}  by {record.ClosedBy}");
}
