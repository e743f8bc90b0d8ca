using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Kpis;

namespace Pipeline.Cli.Commands;

/// <summary><c>pipeline kpis --tenant T [--from yyyy-MM] [--to yyyy-MM] [--format table|csv|json]</c>: the published KPI rows.</summary>
/// <remarks>CSV and JSON carry every column of the API's <see cref="KpiRow"/>, written by the same code; the table a compact set.</remarks>
internal static class KpisCommand
{
    private static readonly (string Header, Func<KpiRow, string> Cell)[] TableColumns =
    [
        ("month", row => row.Month),
        ("status", row => row.Status),
        ("version", row => Invariant(row.Version)),
        ("currency", row => row.Currency),
        ("mrr", row => Invariant(row.Mrr)),
        ("arr", row => Invariant(row.Arr)),
        ("new", row => Invariant(row.NewMrr)),
        ("expansion", row => Invariant(row.ExpansionMrr)),
        ("contraction", row => Invariant(row.ContractionMrr)),
        ("churned", row => Invariant(row.ChurnedMrr)),
        ("customers", row => Invariant(row.Customers)),
        ("churn rate", row => Invariant(row.CustomerChurnRate)),
        ("nrr", row => Invariant(row.Nrr)),
        ("arpa", row => Invariant(row.Arpa)),
    ];

    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var tenant = CliSymbols.RequiredTenant();
        var from = CliSymbols.OptionalMonth("--from", "The first month (inclusive; default: the tenant's first).");
        var to = CliSymbols.OptionalMonth("--to", "The last month (inclusive; default: the tenant's last).");
        var format = CliSymbols.Format("table (a compact set of columns), csv or json (every column, as the API serves them).");
        var command = new Command("kpis", "The tenant's monthly KPI rows, closed and provisional.") { tenant, from, to, format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (first, last) = (parsed.GetValue(from), parsed.GetValue(to));
            if (first > last)
            {
                return console.Usage($"--from {first} is after --to {last}.");
            }

            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var tenantId = parsed.GetValue(tenant);
            var snapshots = await host.Get<KpiQueryService>().ListAsync(tenantId, first, last, cancellationToken);
            if (snapshots is null)
            {
                return console.Fail($"tenant '{tenantId}' is unknown: no export was ever dropped for it.");
            }

            var rows = snapshots.Select(KpiRow.From).ToList();
            switch (parsed.GetValue(format))
            {
                case "csv":
                    await console.Out.WriteAsync(TabularResults.ToCsv(rows));
                    break;
                case "json":
                    await console.Out.WriteLineAsync(JsonSerializer.Serialize(rows, RowOutput.IndentedJson));
                    break;
                default:
                    if (rows.Count == 0)
                    {
                        console.Progress($"No KPI rows for {tenantId} in that range.");
                    }
                    else
                    {
                        TextTable.Write(console.Out, TableColumns.Select(column => column.Header).ToList(),
                            rows.Select(row => TableColumns.Select(column => column.Cell(row)).ToList()).ToList());
                    }

                    break;
            }

            return Program.Success;
        });
        return command;
    }

    private static string Invariant<T>(T? value)
        where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture) ?? "-";

    private static string Invariant<T>(T value)
        where T : struct, IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
