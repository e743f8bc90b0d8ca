using Azure.Data.Tables;
using Pipeline.Application.Tests;
using Pipeline.Testing;

namespace Pipeline.Cli.Tests;

/// <summary><c>pipeline migrate-storage</c>: KPI rows of the layout without kind prefixes move into the current one, once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CliMigrateStorageCommandTests(AzuriteInstance azurite) : IDisposable
{
    private readonly CliRun _cli = new(azurite.ConnectionString);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task MigrateStorage_All_MovesTheOldRowsSoKpisReadAsBeforeThenHasNothingToMove()
    {
        Assert.Equal(0, (await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", SampleExports.RevenueLines), "-t", "acme")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("close", "2025-06", "--tenant", "acme")).ExitCode);
        var before = await _cli.RunAsync("kpis", "--tenant", "acme", "--format", "csv");
        var table = new TableClient(azurite.ConnectionString, _cli.Settings["PipelineStorage:KpiSnapshotsTable"]);
        var rows = await MoveToOldLayoutAsync(table);
        Assert.Equal(KpiHeaderOnly(before.Out), (await _cli.RunAsync("kpis", "--tenant", "acme", "--format", "csv")).Out);

        var migrate = await _cli.RunAsync("migrate-storage", "--all");

        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal([$"acme  {rows} old rows: {rows} copied, 0 already in the new layout, {rows} deleted"], migrate.OutLines);
        Assert.Equal(["Moving the KPI rows of acme ..."], migrate.ErrLines);
        var after = await _cli.RunAsync("kpis", "--tenant", "acme", "--format", "csv");
        Assert.Equal((0, before.Out), (after.ExitCode, after.Out));
        Assert.Equal(6, before.OutLines.Count(line => line.Contains(",closed,", StringComparison.Ordinal)));
        Assert.DoesNotContain(table.Query<TableEntity>(row => row.PartitionKey == "acme"), row => char.IsAsciiDigit(row.RowKey[0]));

        Assert.Equal((0, "No tenant has rows in the earlier layout: nothing to move."), await OutAsync("migrate-storage", "--all"));
        Assert.Equal((0, "acme  nothing to move"), await OutAsync("migrate-storage", "--tenant", "acme"));
    }

    [Fact]
    public async Task MigrateStorage_CloseLeaseHeld_MovesNothingAndExits1()
    {
        Assert.Equal(0, (await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", SampleExports.RevenueLines), "-t", "acme")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("close", "2025-02", "--tenant", "acme")).ExitCode);
        var table = new TableClient(azurite.ConnectionString, _cli.Settings["PipelineStorage:KpiSnapshotsTable"]);
        var rows = await MoveToOldLayoutAsync(table);
        var closes = new TableClient(azurite.ConnectionString, _cli.Settings["PipelineStorage:ClosesTable"]);
        var now = TimeProvider.System.GetUtcNow();
        await closes.AddEntityAsync(new TableEntity("acme", "_lease")
        {
            ["Holder"] = "ops on web01", ["AcquiredAt"] = now, ["ExpiresAt"] = now.AddMinutes(5),
        });

        var migrate = await _cli.RunAsync("migrate-storage", "--tenant", "acme");

        Assert.Equal(1, migrate.ExitCode);
        Assert.StartsWith(
            "acme  not done: a close or reopen of tenant acme is running (ops on web01 since ",
            migrate.OutLines.Single(), StringComparison.Ordinal);
        Assert.Equal(rows, table.Query<TableEntity>(row => row.PartitionKey == "acme").Count(row => char.IsAsciiDigit(row.RowKey[0])));
    }

    [Fact]
    public async Task MigrateStorage_NeitherOrBothOfTenantAndAll_IsAUsageError()
    {
        var neither = await _cli.RunAsync("migrate-storage");
        var both = await _cli.RunAsync("migrate-storage", "--all", "--tenant", "acme");

        Assert.Equal((2, "pipeline: error: give either --tenant or --all (run 'pipeline migrate-storage --help' for usage)."), (neither.ExitCode, neither.ErrLines[^1]));
        Assert.Equal(2, both.ExitCode);
    }

    private async Task<(int, string)> OutAsync(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        return (result.ExitCode, result.Out.Trim());
    }

    private static string KpiHeaderOnly(string csv) => csv[..(csv.IndexOf('\n', StringComparison.Ordinal) + 1)];

    /// <summary>Rewrites the tenant's KPI rows under the keys they had before the kinds had prefixes (as an earlier version wrote them).</summary>
    private static async Task<int> MoveToOldLayoutAsync(TableClient table)
    {
        var rows = table.Query<TableEntity>(row => row.PartitionKey == "acme").ToList();
        var written = 0;
        foreach (var row in rows)
        {
            foreach (var old in OldRows(row))
            {
                await table.AddEntityAsync(old);
                written++;
            }

            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        return written;
    }

    /// <summary>A row under its key without the kind; a month's cohort row as the cell rows that layout had (<c>yyyy-MM|cohort=yyyy-MM</c>).</summary>
    private static IEnumerable<TableEntity> OldRows(TableEntity row)
    {
        if (!row.RowKey.StartsWith("coh|", StringComparison.Ordinal) || row.RowKey.Length != "coh|yyyy-MM".Length)
        {
            var old = new TableEntity(row) { RowKey = row.RowKey[4..] };
            old.Remove("odata.etag");
            old.Remove("Timestamp");
            yield return old;
            yield break;
        }

        var month = row.GetString("Month");
        foreach (var line in row.GetString("Cells").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var cell = line.Split(',');
            yield return new TableEntity(row.PartitionKey, $"{month}|cohort={cell[0]}")
            {
                ["Status"] = row.GetString("Status"), ["Dimension"] = "cohort", ["Month"] = month, ["Cohort"] = cell[0],
                ["ActiveCustomers"] = int.Parse(cell[1], System.Globalization.CultureInfo.InvariantCulture), ["Mrr"] = cell[2],
            };
        }
    }
}
