using System.CommandLine;
using System.Globalization;
using Pipeline.Application.Kpis;
using Pipeline.Domain;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline migrate-storage (--tenant T | --all) [--by NAME]</c>: moves KPI snapshot rows written before the rows had a
/// key range per kind into that layout (see the README's Storage layout), one tenant at a time under its close lease.
/// </summary>
/// <remarks>Idempotent: a tenant with nothing left to move prints <c>nothing to move</c>; an interrupted run is finished by the next.</remarks>
internal static class MigrateStorageCommand
{
    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var tenant = CliSymbols.OptionalTenant();
        tenant.Description = "Only this tenant.";
        var all = new Option<bool>("--all") { Description = "Every tenant that still has rows in the earlier layout." };
        var by = CliSymbols.By();
        by.Description = "Who runs it, named in the close lease held while a tenant's rows move.";
        var command = new Command("migrate-storage", "Move KPI snapshot rows of the earlier key layout into the current one.") { tenant, all, by };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(tenant) is null) == !result.GetValue(all))
            {
                result.AddError("give either --tenant or --all");
            }
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var host = await hosts.StartAsync(parsed, cancellationToken);
            var migration = host.Get<KpiStorageMigrationService>();
            IReadOnlyList<TenantId> tenants = parsed.GetValue(tenant) is { } only
                ? [only]
                : await migration.ListPendingAsync(cancellationToken);
            if (tenants.Count == 0)
            {
                await console.Out.WriteLineAsync("No tenant has rows in the earlier layout: nothing to move.");
                return Program.Success;
            }

            var failed = false;
            foreach (var tenantId in tenants)
            {
                console.Progress($"Moving the KPI rows of {tenantId} ...");
                var result = await migration.MigrateAsync(tenantId, parsed.GetValue(by)!, cancellationToken);
                await console.Out.WriteLineAsync(Describe(result));
                failed |= result.Problem is not null;
            }

            return failed ? Program.Failure : Program.Success;
        });
        return command;
    }

    private static string Describe(KpiSnapshotMigrationResult result)
    {
        if (result.Found == 0)
        {
            return result.Problem is null ? $"{result.Tenant}  nothing to move" : $"{result.Tenant}  not done: {result.Problem}";
        }

        var line = string.Create(CultureInfo.InvariantCulture,
            $"{result.Tenant}  {result.Found} old rows: {result.Copied} copied, {result.Superseded} already in the new layout, {result.Deleted} deleted");
        return result.Problem is null ? line : $"{line}; not done: {result.Problem}";
    }
}
