using System.CommandLine;
using System.Text.Json;
using Pipeline.Api.Customers;
using Pipeline.Api.Http;
using Pipeline.Application.Clv;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline customers --tenant T [--as-of yyyy-MM] [--by DIMENSION [--segment S]] [--sort KEY] [--format table|csv|json]</c>:
/// every customer's value card (the API's <c>/customers</c> rows), or with <c>--id C</c> one card (<c>/customers/{id}</c>).
/// </summary>
internal static class CustomersCommand
{
    private static readonly (string Header, string Property)[] Columns =
    [
        ("customer", "customerId"), ("name", "name"), ("segment", "segment"), ("cohort", "cohort"), ("period", "period"), ("active", "active"),
        ("renewals", "renewals"), ("tenure", "tenureMonths"), ("mrr", "mrr"), ("revenue", "revenueToDate"), ("derl", "derl"),
        ("residual clv", "residualClv"), ("p alive", "probabilityAlive"), ("purchases 12m", "expectedPurchases"), ("purchase clv", "purchaseClv"),
    ];

    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var tenant = CliSymbols.RequiredTenant();
        var asOf = CliSymbols.AsOf();
        var by = CliSymbols.ClvDimension(CustomerValueQueryService.Dimensions);
        var segment = new Option<string?>("--segment")
        {
            Description = "Only the customers in this group of --by.",
            HelpName = "segment",
        };
        var sort = new Option<string?>("--sort")
        {
            Description = $"The order of the list, largest first except {CustomerValueQueryService.ByCustomerId}: {string.Join(", ", CustomerValueQueryService.SortKeys)} (default {CustomerValueQueryService.ByCustomerId}).",
            HelpName = "key",
        };
        sort.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : CustomerValueQueryService.ByCustomerId;
            if (!CustomerValueQueryService.SortKeys.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"--sort '{value}' is not a sort key: use one of {string.Join(", ", CustomerValueQueryService.SortKeys)}.");
            }
        });
        var id = new Option<string?>("--id")
        {
            Description = "Only this customer's card (every field; table shows it as name  value lines).",
            HelpName = "customer",
        };
        var format = CliSymbols.Format("table (a compact set of columns, or the card's fields), csv or json (every column, as the API serves them).");
        var command = new Command("customers", "Each customer's value card at a month end: tenure, MRR, revenue to date, DERL, residual CLV, purchase model figures.")
        {
            tenant, asOf, by, segment, sort, id, format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (customerId, onlySegment, sortKey) = (parsed.GetValue(id), parsed.GetValue(segment), parsed.GetValue(sort));
            var dimension = parsed.GetValue(by);
            if (customerId is not null && string.IsNullOrWhiteSpace(customerId))
            {
                return console.Usage($"--id '{customerId}' is not a customer id.");
            }

            if (customerId is not null && (onlySegment is not null || sortKey is not null))
            {
                return console.Usage("--id shows one customer's card: --segment and --sort apply to the list only.");
            }

            if (!string.IsNullOrEmpty(onlySegment) && dimension is null)
            {
                return console.Usage($"--segment '{onlySegment}' needs a dimension: add --by, one of {string.Join(", ", CustomerValueQueryService.Dimensions)}.");
            }

            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var values = host.Get<CustomerValueQueryService>();
            var tenantId = parsed.GetValue(tenant);
            if (ClvCommand.EndedAsOf(console, parsed.GetValue(asOf), values.LatestEndedMonth(tenantId), month => values.HasEnded(tenantId, month)) is not { } month)
            {
                return Program.UsageError;
            }

            var report = await values.ListAsync(
                tenantId, month, dimension, string.IsNullOrEmpty(onlySegment) ? null : onlySegment,
                sortKey ?? CustomerValueQueryService.ByCustomerId, cancellationToken);
            if (report is null)
            {
                return ClvCommand.UnknownTenant(console, tenantId);
            }

            var outputFormat = parsed.GetValue(format)!;
            if (customerId is null)
            {
                await RowOutput.WriteAsync(
                    console, outputFormat, [.. report.Customers.Select(card => CustomerValueRow.From(card, report))], Columns,
                    whenEmpty: $"No customers of {tenantId} with a subscription or a purchase by the end of {month}.",
                    title: $"Customers of {tenantId} at the end of {month} ({report.Currency})");
                return Program.Success;
            }

            var card = report.Customers.FirstOrDefault(customer => customer.CustomerId == customerId);
            if (card is null)
            {
                return console.Fail($"tenant '{tenantId}' has no customer '{customerId}' with a subscription or a purchase by the end of {month}.");
            }

            var row = CustomerValueRow.From(card, report);
            switch (outputFormat)
            {
                case RowOutput.Csv:
                    await console.Out.WriteAsync(TabularResults.ToCsv([row]));
                    break;
                case RowOutput.Json:
                    await console.Out.WriteLineAsync(JsonSerializer.Serialize(row, RowOutput.IndentedJson));
                    break;
                default:
                    await RowOutput.WriteCardAsync(console.Out, row);
                    break;
            }

            return Program.Success;
        });
        return command;
    }
}
