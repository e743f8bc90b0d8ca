using System.CommandLine;
using System.Globalization;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline status [--tenant T]</c>: per tenant, imports by status (rejected and failed ones with their reason),
/// closed months with their version and pending restatement delta (<see cref="MonthCloseService.StateAsync"/>),
/// reopened months with the version a re-close writes and the last reopen's reason, open months, and the pending
/// restatements.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var tenant = CliSymbols.OptionalTenant();
        var command = new Command("status", "Imports, closed and open months, and pending restatements per tenant.") { tenant };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var imports = host.Get<IImportLog>();
            List<TenantId> tenants = parsed.GetValue(tenant) is { } only
                ? [only]
                : (await imports.ListTenantsAsync(cancellationToken)).OrderBy(id => id.Value, StringComparer.Ordinal).ToList();
            if (tenants.Count == 0)
            {
                await console.Out.WriteLineAsync("No tenants yet: no export was ever dropped.");
                return Program.Success;
            }

            var report = new StatusReport(host, console.Out);
            foreach (var tenantId in tenants)
            {
                if (!await report.WriteAsync(tenantId, cancellationToken) && tenants.Count == 1)
                {
                    return console.Fail($"tenant '{tenantId}' is unknown: no export was ever dropped for it.");
                }
            }

            return Program.Success;
        });
        return command;
    }

    private sealed class StatusReport(CliHost host, TextWriter output)
    {
        private readonly ImportQueryService _imports = host.Get<ImportQueryService>();
        private readonly KpiQueryService _kpis = host.Get<KpiQueryService>();
        private readonly MonthCloseService _closes = host.Get<MonthCloseService>();

        /// <summary>Writes one tenant's section; false when the tenant has no imports at all.</summary>
        public async Task<bool> WriteAsync(TenantId tenant, CancellationToken cancellationToken)
        {
            var imports = await _imports.ListAsync(tenant, cancellationToken);
            if (imports.Count == 0)
            {
                return false;
            }

            await output.WriteLineAsync($"Tenant {tenant}");
            await WriteImportsAsync(imports);
            var restatements = await WriteMonthsAsync(tenant, cancellationToken);
            await output.WriteLineAsync(restatements.Count == 0
                ? "  Pending restatements: none"
                : "  Pending restatements: " + string.Join(", ", restatements));
            await output.WriteLineAsync();
            return true;
        }

        private async Task WriteImportsAsync(IReadOnlyList<ImportRecord> imports)
        {
            var counts = Enum.GetValues<ImportStatus>()
                .Select(status => (Status: status, Count: imports.Count(record => record.Status == status)))
                .Where(entry => entry.Count > 0)
                .Select(entry => Invariant($"{entry.Count} {entry.Status.ToString().ToLowerInvariant()}"));
            await output.WriteLineAsync(Invariant($"  Imports: {imports.Count} ({string.Join(", ", counts)})"));
            foreach (var record in imports.Where(record => record.Status is ImportStatus.Rejected or ImportStatus.Failed or ImportStatus.Processing))
            {
                var code = record.ReasonCode is null ? string.Empty : $" [{record.ReasonCode}]";
                await output.WriteLineAsync(
                    $"    {record.Status.ToString().ToLowerInvariant()} {record.FileName}{code}: {record.Reason ?? "still processing"}");
            }
        }

        /// <summary>Writes the month lines; returns the pending restatements ("2025-03 +40.00 EUR").</summary>
        private async Task<List<string>> WriteMonthsAsync(TenantId tenant, CancellationToken cancellationToken)
        {
            var records = (await _closes.ListAsync(tenant, cancellationToken)).ToDictionary(record => record.Month);
            var rows = (await _kpis.ListAsync(tenant, null, null, cancellationToken) ?? []).ToDictionary(row => row.Kpis.Month);
            var months = records.Keys.Union(rows.Keys).Order().ToList();
            var closed = records.Values.Count(record => record.Status == CloseStatus.Closed);
            await output.WriteLineAsync(Invariant($"  Months: {closed} closed, {months.Count - closed} open"));
            var restatements = new List<string>();
            var empty = new List<(BillingMonth Month, string Text)>();
            foreach (var month in months)
            {
                var record = records.GetValueOrDefault(month);
                var row = rows.GetValueOrDefault(month);
                if (record is { Status: CloseStatus.Closed })
                {
                    await FlushAsync(empty);
                    var state = await _closes.StateAsync(tenant, month, cancellationToken);
                    var pending = state.PendingRestatementDelta is { } amount and not 0m ? Signed(amount, record.Currency) : "none";
                    if (state.PendingRestatementDelta is not (null or 0m))
                    {
                        restatements.Add($"{month} {pending}");
                    }

                    var closedAt = record.ClosedAt.UtcDateTime;
                    await output.WriteLineAsync(Invariant(
                        $"    {month}  closed    v{record.Version}  MRR {record.Currency.Round(record.Mrr)} {record.Currency}  closed {closedAt:yyyy-MM-dd HH:mm}Z by {record.ClosedBy}  restatement {pending}"));
                    continue;
                }

                var status = record is { Status: CloseStatus.Reopened } ? "reopened" : "open";
                var version = row?.Version ?? (record?.Version + 1) ?? 1;
                var mrr = row switch
                {
                    null => string.Empty,
                    { Status: KpiStatus.AwaitingData } => Invariant($"  awaiting data (exports reach {row.AsOf:yyyy-MM-dd})"),
                    { AsOf: { } asOf } => Invariant($"  MRR {row.Kpis.Currency.Round(row.Kpis.Mrr)} {row.Kpis.Currency} (provisional, as of {asOf:yyyy-MM-dd})"),
                    _ => Invariant($"  MRR {row.Kpis.Currency.Round(row.Kpis.Mrr)} {row.Kpis.Currency} (provisional)"),
                };
                var reopened = record is { Status: CloseStatus.Reopened } ? await ReopenedAsync(tenant, month, cancellationToken) : string.Empty;
                var text = Invariant($"{status,-8}  v{version}{mrr}{reopened}");

                // Provisional rows run to the current month: consecutive empty open months are shown as one range.
                var isEmpty = row is { Kpis: { Mrr: 0m, Customers: 0 } };
                if (!isEmpty || (empty.Count > 0 && (empty[^1].Month.Next() != month || empty[^1].Text != text)))
                {
                    await FlushAsync(empty);
                }

                if (isEmpty)
                {
                    empty.Add((month, text));
                    continue;
                }

                await output.WriteLineAsync($"    {month}  {text}");
            }

            await FlushAsync(empty);
            return restatements;
        }

        private async Task FlushAsync(List<(BillingMonth Month, string Text)> empty)
        {
            if (empty.Count == 0)
            {
                return;
            }

            var months = empty.Count == 1 ? empty[0].Month.ToString() : $"{empty[0].Month}..{empty[^1].Month}";
            await output.WriteLineAsync($"    {months}  {empty[0].Text}");
            empty.Clear();
        }

        /// <summary>When, by whom and why a reopened month was last reopened, from its audit trail.</summary>
        private async Task<string> ReopenedAsync(TenantId tenant, BillingMonth month, CancellationToken cancellationToken)
        {
            var state = await _closes.StateAsync(tenant, month, cancellationToken);
            return state.Audit.LastOrDefault(entry => entry.Kind == CloseAuditKinds.Reopened) is { } entry
                ? Invariant($"  reopened {entry.At.UtcDateTime:yyyy-MM-dd HH:mm}Z by {entry.By}: {entry.Reason}")
                : string.Empty;
        }

        private static string Signed(decimal amount, CurrencyCode currency) =>
            Invariant($"{(amount > 0 ? "+" : string.Empty)}{currency.Round(amount)} {currency}");

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
