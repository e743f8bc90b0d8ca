using System.CommandLine;
using Pipeline.Api.Receivables;
using Pipeline.Application.Receivables;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline receivables --tenant T [--as-of yyyy-MM] [--by DIMENSION [--segment S]] [--per segment|customer|invoice] [--format table|csv|json]</c>:
/// the receivables aged at a month end (the API's <c>/receivables</c> rows).
/// </summary>
internal static class ReceivablesCommand
{
    private static readonly (string Header, string Property)[] SegmentColumns =
    [
        ("segment", "segment"), ("customers", "customers"), ("invoices", "invoices"), ("not yet due", "notYetDue"), ("1-30", "days1To30"),
        ("31-60", "days31To60"), ("61-90", "days61To90"), ("over 90", "over90"), ("total", "total"), ("invoiced 3m", "invoicedLastThreeMonths"),
        ("dso", "dso"),
    ];

    private static readonly (string Header, string Property)[] CustomerColumns =
    [
        ("customer", "customerId"), ("name", "name"), ("segment", "segment"), ("invoices", "invoices"), ("not yet due", "notYetDue"),
        ("1-30", "days1To30"), ("31-60", "days31To60"), ("61-90", "days61To90"), ("over 90", "over90"), ("total", "total"), ("dso", "dso"),
        ("oldest", "oldestDaysPastDue"),
    ];

    private static readonly (string Header, string Property)[] InvoiceColumns =
    [
        ("invoice", "invoiceId"), ("customer", "customerId"), ("status", "status"), ("issued", "issuedOn"), ("due", "dueOn"),
        ("days", "daysPastDue"), ("bucket", "bucket"), ("balance", "balance"), ("in", "invoiceCurrency"), ("reported", "reportedBalance"),
        ("row", "rowNumber"),
    ];

    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var tenant = CliSymbols.RequiredTenant();
        var asOf = CliSymbols.AsOf();
        var by = CliSymbols.ClvDimension(ReceivablesQueryService.Dimensions);
        var segment = new Option<string?>("--segment")
        {
            Description = "Only this group of --by.",
            HelpName = "segment",
        };
        var per = new Option<string>("--per")
        {
            Description = $"What a row is: {string.Join(", ", ReceivablesEndpoints.Levels)} (default segment).",
            HelpName = "level",
            DefaultValueFactory = _ => ReceivablesEndpoints.Levels[0],
        };
        per.AcceptOnlyFromAmong([.. ReceivablesEndpoints.Levels]);
        var format = CliSymbols.Format("table (a compact set of columns), csv or json (every column, as the API serves them).");
        var command = new Command("receivables", "Money outstanding at the customers at a month end, aged by days past due, with DSO.")
        {
            tenant, asOf, by, segment, per, format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (dimension, onlySegment, level) = (parsed.GetValue(by), parsed.GetValue(segment), parsed.GetValue(per)!);
            if (!string.IsNullOrEmpty(onlySegment) && dimension is null)
            {
                return console.Usage($"--segment '{onlySegment}' needs a dimension: add --by, one of {string.Join(", ", ReceivablesQueryService.Dimensions)}.");
            }

            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var receivables = host.Get<ReceivablesQueryService>();
            var tenantId = parsed.GetValue(tenant);
            if (ClvCommand.EndedAsOf(console, parsed.GetValue(asOf), receivables.LatestEndedMonth(tenantId), month => receivables.HasEnded(tenantId, month)) is not { } month)
            {
                return Program.UsageError;
            }

            var report = await receivables.ComputeAsync(tenantId, month, dimension, cancellationToken);
            if (report is null)
            {
                return ClvCommand.UnknownTenant(console, tenantId);
            }

            bool InSegment(string value) => string.IsNullOrEmpty(onlySegment) || value == onlySegment;
            var outputFormat = parsed.GetValue(format)!;
            var title = $"Receivables of {tenantId} at the end of {month} ({report.Aging.Currency})";
            var whenEmpty = $"No receivables of {tenantId} at the end of {month}.";
            switch (level)
            {
                case "customer":
                    await RowOutput.WriteAsync(
                        console, outputFormat,
                        [.. report.Customers.Where(customer => InSegment(customer.Segment)).Select(customer => CustomerReceivablesRow.From(customer, report))],
                        CustomerColumns, whenEmpty, title);
                    break;
                case "invoice":
                    await RowOutput.WriteAsync(
                        console, outputFormat,
                        [.. report.Aging.Outstanding.Where(invoice => InSegment(report.SegmentOf(invoice))).Select(invoice => ReceivableInvoiceRow.From(invoice, report))],
                        InvoiceColumns, whenEmpty, title);
                    break;
                default:
                    await RowOutput.WriteAsync(
                        console, outputFormat,
                        [.. report.Groups.Where(group => InSegment(group.Segment)).Select(group => ReceivablesRow.From(group, report))],
                        SegmentColumns, whenEmpty, title);
                    break;
            }

            return Program.Success;
        });
        return command;
    }
}
