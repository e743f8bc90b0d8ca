using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pipeline.Api.Http;
using Pipeline.Api.Kpis;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Cli.Commands;

/// <summary><c>pipeline kpis --tenant T [--from yyyy-MM] [--to yyyy-MM] [--by DIMENSION] [--format table|csv|json]</c>: the published KPI rows.</summary>
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
        var by = new Option<string?>("--by")
        {
            Description = $"One row per month and segment of a dimension, as kpis?by= serves them: {string.Join(", ", SegmentDimensions.Kpi)}.",
            HelpName = "dimension",
        };
        by.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !SegmentDimensions.Kpi.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"--by '{value}' is not a dimension: use one of {string.Join(", ", SegmentDimensions.Kpi)}.");
            }
        });
        var format = CliSymbols.Format("table (a compact set of columns), csv or json (every column, as the API serves them).");
        var command = new Command("kpis", "The tenant's monthly KPI rows, closed and provisional.") { tenant, from, to, by, format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (first, last) = (parsed.GetValue(from), parsed.GetValue(to));
            if (first > last)
            {
                return console.Usage($"--from {first} is after --to {last}.");
            }

            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var (tenantId, dimension) = (parsed.GetValue(tenant), parsed.GetValue(by));
            var rows = dimension is null
                ? (await host.Get<KpiQueryService>().ListAsync(tenantId, first, last, cancellationToken))?.Select(KpiRow.From).ToList()
                : await SegmentRowsAsync(host, tenantId, dimension, first, last, cancellationToken);
            if (rows is null)
            {
                return console.Fail($"tenant '{tenantId}' is unknown: no export was ever dropped for it.");
            }

            var columns = dimension is null ? TableColumns : [("segment", row => row.Segment ?? ""), .. TableColumns];
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
                        TextTable.Write(console.Out, columns.Select(column => column.Header).ToList(),
                            rows.Select(row => columns.Select(column => column.Cell(row)).ToList()).ToList());
                    }

                    break;
            }

            return Program.Success;
        });
        return command;
    }

    /// <summary>The segment rows of one dimension with their headline rows' settings, as <c>kpis?by=</c>; null for an unknown tenant.</summary>
    private static async Task<List<KpiRow>?> SegmentRowsAsync(
        CliHost host, TenantId tenant, string dimension, BillingMonth? from, BillingMonth? to, CancellationToken cancellationToken)
    {
        var found = dimension == SegmentDimensions.ValueSegment
            ? await host.Get<ValueSegmentKpiService>().ListAsync(tenant, from, to, cancellationToken)
            : await host.Get<KpiQueryService>().ListSegmentsWithHeadlinesAsync(tenant, dimension, from, to, cancellationToken);
        if (found is not { } rows)
        {
            return null;
        }

        var headlines = rows.Headlines.ToDictionary(row => row.Kpis.Month);
        return [.. rows.Segments.Select(segment => KpiRow.From(segment, headlines.GetValueOrDefault(segment.Segment.Kpis.Month)))];
    }

    private static string Invariant<T>(T? value)
        where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture) ?? "-";

    private static string Invariant<T>(T value)
        where T : struct, IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
