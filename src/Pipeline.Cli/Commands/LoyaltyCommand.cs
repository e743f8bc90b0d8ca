using System.CommandLine;
using Pipeline.Api.Loyalty;
using Pipeline.Application.Loyalty;
using Pipeline.Domain.Metrics;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline loyalty --tenant T [--from yyyy-MM] [--to yyyy-MM] [--by DIMENSION] [--format table|csv|json]</c>: loyalty
/// per month (the API's <c>/loyalty</c> rows).
/// </summary>
/// <remarks>CSV and JSON carry every column of the API's <see cref="LoyaltyRow"/>, written by the same code; the table a compact set.</remarks>
internal static class LoyaltyCommand
{
    private static readonly (string Header, string Property)[] Columns =
    [
        ("month", "month"), ("segment", "segment"), ("status", "status"), ("responses", "responses"), ("promoters", "promoters"),
        ("passives", "passives"), ("detractors", "detractors"), ("nps", "nps"), ("rw nps", "revenueWeightedNps"), ("nps12", "nps12"),
        ("loyal", "loyalShare"), ("captive", "captiveCustomers"), ("captive mrr", "captiveMrr"), ("late", "lateResponses"),
    ];

    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var tenant = CliSymbols.RequiredTenant();
        var from = CliSymbols.OptionalMonth("--from", "The first month (inclusive; default: the tenant's first).");
        var to = CliSymbols.OptionalMonth("--to", "The last month (inclusive; default: the tenant's last).");
        var by = new Option<string?>("--by")
        {
            Description = $"One row per month and segment of a dimension: {string.Join(", ", SegmentDimensions.All)}.",
            HelpName = "dimension",
        };
        by.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !SegmentDimensions.All.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"--by '{value}' is not a dimension: use one of {string.Join(", ", SegmentDimensions.All)}.");
            }
        });
        var format = CliSymbols.Format("table (a compact set of columns), csv or json (every column, as the API serves them).");
        var command = new Command("loyalty", "Loyalty per month: NPS, revenue-weighted NPS, nps12, shares, captive customers, churn by category.")
        {
            tenant, from, to, by, format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (first, last) = (parsed.GetValue(from), parsed.GetValue(to));
            if (first > last)
            {
                return console.Usage($"--from {first} is after --to {last}.");
            }

            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var tenantId = parsed.GetValue(tenant);
            var report = await host.Get<LoyaltyQueryService>().ListAsync(tenantId, first, last, parsed.GetValue(by), cancellationToken);
            if (report is null)
            {
                return ClvCommand.UnknownTenant(console, tenantId);
            }

            await RowOutput.WriteAsync(
                console, parsed.GetValue(format)!, [.. report.Months.Select(month => LoyaltyRow.From(month, report.Currency))], Columns,
                whenEmpty: $"No loyalty rows for {tenantId} in that range.",
                title: $"Loyalty of {tenantId} ({report.Currency})");
            return Program.Success;
        });
        return command;
    }
}
