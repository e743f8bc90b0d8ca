using System.Text.Json;
using Pipeline.Application.Tests;
using Pipeline.Testing;

namespace Pipeline.Cli.Tests;

/// <summary>The ops CLI through its entry point against a real Azurite: ingest, close, kpis, status.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CliCommandTests(AzuriteInstance azurite) : IDisposable
{
    /// <summary>The API's KPI columns, in order: CSV and JSON from the CLI carry exactly these.</summary>
    private static readonly string[] KpiColumns = [.. KpiColumnNames.All];

    private static readonly string[] JanuaryToAugust =
        ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"];

    private readonly CliRun _cli = new(azurite.ConnectionString);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Ingest_CanonicalFile_AcceptedWithRowsAndMonths()
    {
        var ingest = await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", SampleExports.RevenueLines), "--tenant", "acme");

        Assert.Equal(0, ingest.ExitCode);
        Assert.Equal("acme/revenue.csv: Accepted", ingest.OutLines[0]);
        Assert.Contains("  format       canonical-revenue-lines", ingest.OutLines);
        Assert.Contains("  rows         19", ingest.OutLines);
        Assert.Contains("  bad rows     0", ingest.OutLines);
        Assert.Contains("  months       2025-01..2025-07", ingest.OutLines);
        Assert.Equal(
            [$"Uploading revenue.csv ({SampleExports.RevenueLines.Length} bytes) to exports/acme/revenue.csv ...", "Ingesting exports/acme/revenue.csv ..."],
            ingest.ErrLines);

        var again = await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", SampleExports.RevenueLines), "--tenant", "acme");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(
            "pipeline: error: exports already holds 'acme/revenue.csv' and exports are never overwritten: rename the file to drop a new version.",
            again.ErrLines[^1]);
    }

    [Fact]
    public async Task Ingest_BrokenFile_RejectedWithRowErrorsAndExitCode1()
    {
        var ingest = await _cli.RunAsync("ingest", _cli.WriteFile("broken.csv", SampleExports.BrokenRevenueLines), "--tenant", "acme");

        Assert.Equal(1, ingest.ExitCode);
        Assert.Equal("acme/broken.csv: Rejected", ingest.OutLines[0]);
        Assert.Contains("  rows         4", ingest.OutLines);
        Assert.Contains("  bad rows     3", ingest.OutLines);
        var errors = ingest.OutLines.Where(line => line.StartsWith("    row ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.StartsWith("    row 3, column amount, value 'abc': ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("    row 4, column service_start, value '2025-13-01': ", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("    row 5, column currency, value 'XXX': ", errors[2], StringComparison.Ordinal);
        var error = ingest.ErrLines[^1];
        Assert.StartsWith("pipeline: error: acme/broken.csv was rejected: ", error, StringComparison.Ordinal);
        Assert.Contains("3 of 4", error, StringComparison.Ordinal);

        var kpis = await _cli.RunAsync("kpis", "--tenant", "acme", "--format", "json");
        Assert.Equal((0, "[]"), (kpis.ExitCode, kpis.Out.Trim()));
    }

    [Fact]
    public async Task Close_ThroughJune_ReportsEachMonthThenKpisInAllThreeFormats()
    {
        Assert.Equal(0, (await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", SampleExports.RevenueLines), "-t", "acme")).ExitCode);

        var close = await _cli.RunAsync("close", "2025-06", "--tenant", "acme", "--by", "ops");
        Assert.Equal(0, close.ExitCode);
        Assert.Equal(
        [
            "2025-01  closed  v1  MRR 230.00 EUR  customers 3  by ops",
            "2025-02  closed  v1  MRR 260.00 EUR  customers 3  by ops",
            "2025-03  closed  v1  MRR 230.00 EUR  customers 2  by ops",
            "2025-04  closed  v1  MRR 180.00 EUR  customers 2  by ops",
            "2025-05  closed  v1  MRR 180.00 EUR  customers 2  by ops",
            "2025-06  closed  v1  MRR 180.00 EUR  customers 2  by ops",
            "Closed 6 month(s) of acme through 2025-06.",
        ], close.OutLines);
        Assert.Equal(["Closing acme through 2025-06 ..."], close.ErrLines);

        var again = await _cli.RunAsync("close", "2025-06", "--tenant", "acme");
        Assert.Equal((0, "Every month of acme through 2025-06 was already closed."), (again.ExitCode, again.Out.Trim()));

        var json = await _cli.RunAsync("kpis", "--tenant", "acme", "--from", "2025-01", "--to", "2025-08", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(JanuaryToAugust, rows.Select(row => row.GetProperty("month").GetString()!).ToArray());
        Assert.Equal(SampleExports.MrrJanuaryToAugust[..7], rows.Take(7).Select(row => row.GetProperty("mrr").GetDecimal()).ToArray());
        Assert.Equal(
            ["closed", "closed", "closed", "closed", "closed", "closed", "provisional", "awaiting-data"],
            rows.Select(row => row.GetProperty("status").GetString()!).ToArray());
        // August lies wholly after the data horizon (the last line starts Jul 1): no figures, not zeros.
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, "2025-07-01T00:00:00+00:00"), (
            rows[7].GetProperty("mrr").ValueKind, rows[7].GetProperty("churnedMrr").ValueKind, rows[7].GetProperty("asOf").GetString()));
        Assert.All(rows, row => Assert.Equal(KpiColumns, row.EnumerateObject().Select(property => property.Name).ToArray()));
        var march = rows[2];
        Assert.Equal(
            ("230.00", "2760.00", "50.00", "80.00", "0.333333", "115.00"),
            (march.GetProperty("mrr").GetRawText(), march.GetProperty("arr").GetRawText(), march.GetProperty("expansionMrr").GetRawText(),
                march.GetProperty("churnedMrr").GetRawText(), march.GetProperty("customerChurnRate").GetRawText(), march.GetProperty("arpa").GetRawText()));
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("customerChurnRate").ValueKind);

        var csv = await _cli.RunAsync("kpis", "--tenant", "acme", "--from", "2025-01", "--to", "2025-08", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', KpiColumns), lines[0]);
        Assert.Equal(9, lines.Length);
        var marchCells = lines[3].Split(',');
        string Cell(string column) => marchCells[Array.IndexOf(KpiColumns, column)];
        Assert.Equal(
            ("2025-03", "closed", "1", "EUR", "260.00", "230.00", "2760.00", "50.00", "80.00", "2", "0.333333", "115.00", ""),
            (Cell("month"), Cell("status"), Cell("version"), Cell("currency"), Cell("startMrr"), Cell("mrr"), Cell("arr"),
                Cell("expansionMrr"), Cell("churnedMrr"), Cell("customers"), Cell("customerChurnRate"), Cell("arpa"), Cell("dimension")));
        Assert.Equal(
            [.. rows.Take(7).Select(row => row.GetProperty("mrr").GetRawText()), string.Empty],
            lines[1..].Select(line => line.Split(',')[Array.IndexOf(KpiColumns, "mrr")]).ToArray());

        var table = await _cli.RunAsync("kpis", "--tenant", "acme", "--from", "2025-03", "--to", "2025-04");
        Assert.Equal(0, table.ExitCode);
        Assert.Equal(3, table.OutLines.Length);
        Assert.Equal(
            ["month", "status", "version", "currency", "mrr", "arr", "new", "expansion", "contraction", "churned", "customers", "churn", "rate", "nrr", "arpa"],
            Words(table.OutLines[0]));
        Assert.Equal(
            ["2025-03", "closed", "1", "EUR", "230.00", "2760.00", "0.00", "50.00", "0.00", "80.00", "2", "0.333333", "0.884615", "115.00"],
            Words(table.OutLines[1]));
        Assert.Equal(
            ["2025-04", "closed", "1", "EUR", "180.00", "2160.00", "0.00", "0.00", "50.00", "0.00", "2", "0.000000", "0.782609", "90.00"],
            Words(table.OutLines[2]));

        // March by value segment: A (the Pareto top of the end of February and of March) is revenue; E basic; F (basic
        // at the end of February) churned from basic.
        var byValue = await _cli.RunAsync("kpis", "--tenant", "acme", "--from", "2025-03", "--to", "2025-03", "--by", "valueSegment", "--format", "csv");
        Assert.Equal(0, byValue.ExitCode);
        var segmentLines = byValue.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["2025-03 valueSegment basic 160.00 80.00 80.00 0.00", "2025-03 valueSegment revenue 100.00 150.00 0.00 50.00"],
            segmentLines[1..].Select(line =>
            {
                var cells = line.Split(',');
                string Of(string column) => cells[Array.IndexOf(KpiColumns, column)];
                return $"{Of("month")} {Of("dimension")} {Of("segment")} {Of("startMrr")} {Of("mrr")} {Of("churnedMrr")} {Of("expansionMrr")}";
            }));
        var tiers = await _cli.RunAsync("kpis", "--tenant", "acme", "--from", "2025-03", "--to", "2025-03", "--by", "tier");
        Assert.Equal(0, tiers.ExitCode);
        Assert.Equal(["segment", "month", "status"], Words(tiers.OutLines[0])[..3]);
        Assert.Equal(["rest", "2025-03", "closed", "1", "EUR", "80.00"], Words(tiers.OutLines[1])[..6]);
    }

    [Fact]
    public async Task Close_MonthEndingAfterTheDataHorizon_ClosedWithTheWarningUnderItsLine()
    {
        // The sample's last line starts Jul 1: July ends after the latest date the exports cover.
        Assert.Equal(0, (await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", SampleExports.RevenueLines), "-t", "acme")).ExitCode);

        var close = await _cli.RunAsync("close", "2025-07", "--tenant", "acme", "--by", "ops");

        Assert.Equal(0, close.ExitCode);
        Assert.Equal("2025-07  closed  v1  MRR 60.00 EUR  customers 1  by ops", close.OutLines[6]);
        Assert.Equal(
            "  warning: 2025-07 ends after the data horizon 2025-07-01 00:00 (UTC), the latest date the exports cover: lines that end after it and have no renewal in the ledger count as ended. Renewals exported later arrive as late data in the next open month (or reopen 2025-07 to restate it).",
            close.OutLines[7]);
        Assert.DoesNotContain(close.OutLines[..6], line => line.Contains("warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_ShowsImportsByStatusAndClosedAndOpenMonths()
    {
        // This run names the storage with --storage instead of the PipelineStorage setting.
        _cli.Settings.Remove("PipelineStorage");
        var storage = azurite.ConnectionString;
        await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", SampleExports.RevenueLines), "-t", "acme", "--storage", storage);
        await _cli.RunAsync("ingest", _cli.WriteFile("broken.csv", SampleExports.BrokenRevenueLines), "-t", "acme", "--storage", storage);
        await _cli.RunAsync("ingest", _cli.WriteFile("other.csv", SampleExports.RevenueLines), "-t", "beta", "--storage", storage);
        Assert.Equal(0, (await _cli.RunAsync("close", "2025-03", "-t", "acme", "--by", "ops", "--storage", storage)).ExitCode);

        var status = await _cli.RunAsync("status", "--tenant", "acme", "--storage", storage);

        Assert.Equal(0, status.ExitCode);
        var lines = status.OutLines;
        Assert.Equal("Tenant acme", lines[0]);
        Assert.Equal("  Imports: 2 (1 accepted, 1 rejected)", lines[1]);
        Assert.StartsWith("    rejected broken.csv [too-many-bad-rows]: ", lines[2], StringComparison.Ordinal);
        Assert.Contains("3 of 4", lines[2], StringComparison.Ordinal);
        // Rows run to the current month: the awaiting-data ones after the data horizon collapse into one range line.
        var months = lines.Where(line => line.StartsWith("    2025-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(JanuaryToAugust, months.Select(line => line.Trim()[..7]).ToArray());
        Assert.StartsWith("  Months: 3 closed, ", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("    2025-01  closed    v1  MRR 230.00 EUR  closed ", months[0], StringComparison.Ordinal);
        Assert.Contains(" by ops  restatement ", months[0], StringComparison.Ordinal);
        Assert.StartsWith("    2025-03  closed    v1  MRR 230.00 EUR  closed ", months[2], StringComparison.Ordinal);
        Assert.Equal("    2025-04  open      v1  MRR 180.00 EUR (provisional)", months[3]);
        Assert.Equal("    2025-07  open      v1  MRR 60.00 EUR (provisional, as of 2025-07-01)", months[6]);
        Assert.Matches(@"^    2025-08\.\.20\d\d-\d\d  open      v1  awaiting data \(exports reach 2025-07-01\)$", months[7]);
        Assert.Single(lines, line => line.StartsWith("  Pending restatements: ", StringComparison.Ordinal));
        Assert.Contains("  Pending restatements: none", lines);

        var everyone = await _cli.RunAsync("status", "--storage", storage);
        Assert.Equal(0, everyone.ExitCode);
        Assert.Equal(["Tenant acme", "Tenant beta"], everyone.OutLines.Where(line => line.StartsWith("Tenant ", StringComparison.Ordinal)).ToArray());

        var unknown = await _cli.RunAsync("status", "--tenant", "nobody", "--storage", storage);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(["pipeline: error: tenant 'nobody' is unknown: no export was ever dropped for it."], unknown.ErrLines);
    }

    [Fact]
    public async Task Close_And_Reopen_FailuresAreOneLineWithExitCode1()
    {
        var noData = await _cli.RunAsync("close", "2025-06", "--tenant", "acme");
        Assert.Equal((1, 1), (noData.ExitCode, noData.ErrLines.Count(line => line.StartsWith("pipeline: error: ", StringComparison.Ordinal))));
        Assert.Equal("pipeline: error: Tenant acme has no accepted revenue data.", noData.ErrLines[^1]);

        await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", SampleExports.RevenueLines), "-t", "acme");
        var future = await _cli.RunAsync("close", "2999-01", "--tenant", "acme");
        Assert.Equal(1, future.ExitCode);
        Assert.StartsWith("pipeline: error: 2999-01 has not ended yet in UTC", future.ErrLines[^1], StringComparison.Ordinal);
        Assert.Equal(string.Empty, future.Out);
        var nothingClosed = await _cli.RunAsync("status", "--tenant", "acme");
        Assert.StartsWith("  Months: 0 closed, ", nothingClosed.OutLines[2], StringComparison.Ordinal);

        // Nothing is closed, so there is nothing to reopen.
        var reopen = await _cli.RunAsync("reopen", "2025-03", "--tenant", "acme", "--reason", "late credit note");
        Assert.Equal((1, string.Empty), (reopen.ExitCode, reopen.Out));
        Assert.Equal(
            ["Reopening acme 2025-03 ...", "pipeline: error: 2025-03 of tenant acme is not closed (status Open): only a closed month can be reopened."],
            reopen.ErrLines);

        var kpis = await _cli.RunAsync("kpis", "--tenant", "nobody");
        Assert.Equal((1, "pipeline: error: tenant 'nobody' is unknown: no export was ever dropped for it."), (kpis.ExitCode, kpis.ErrLines[^1]));
    }

    [Fact]
    public async Task Reopen_WithReason_StatusShowsReopenedAndPendingRestatement_CloseAgainWritesVersion2()
    {
        Assert.Equal(0, (await _cli.RunAsync("ingest", _cli.WriteFile("revenue.csv", SampleExports.RevenueLines), "-t", "acme")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("close", "2025-03", "--tenant", "acme", "--by", "ops")).ExitCode);
        // A March invoice of a new customer L arrives after March was closed: March's pending restatement is +40.
        var late = _cli.WriteFile("late.csv",
            "line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end\n" +
            "l3,L,in_l3,sub_l,40.00,EUR,month,2025-03-01,2025-04-01\n");
        Assert.Equal(0, (await _cli.RunAsync("ingest", late, "-t", "acme")).ExitCode);

        var pending = await _cli.RunAsync("status", "--tenant", "acme");
        Assert.Equal(0, pending.ExitCode);
        Assert.EndsWith(" by ops  restatement none", Month(pending, "2025-02"), StringComparison.Ordinal);
        Assert.StartsWith("    2025-03  closed    v1  MRR 230.00 EUR  closed ", Month(pending, "2025-03"), StringComparison.Ordinal);
        Assert.EndsWith(" by ops  restatement +40.00 EUR", Month(pending, "2025-03"), StringComparison.Ordinal);
        Assert.Contains("  Pending restatements: 2025-03 +40.00 EUR", pending.OutLines);

        var noReason = await _cli.RunAsync("reopen", "2025-03", "--tenant", "acme");
        Assert.Equal(2, noReason.ExitCode);
        Assert.Contains("Option '--reason' is required", Assert.Single(noReason.ErrLines), StringComparison.Ordinal);

        var reopen = await _cli.RunAsync("reopen", "2025-03", "--tenant", "acme", "--reason", "late March invoice for L", "--by", "alice");
        Assert.Equal(0, reopen.ExitCode);
        Assert.Equal(
            [
                "2025-03  reopened  v1 stays readable; the next close writes v2",
                "Reopened 1 month(s) of acme from 2025-03; the reason is in the audit trail.",
            ],
            reopen.OutLines);
        Assert.Equal(["Reopening acme 2025-03 ..."], reopen.ErrLines);

        var reopened = await _cli.RunAsync("status", "--tenant", "acme");
        Assert.Equal(0, reopened.ExitCode);
        Assert.StartsWith("  Months: 2 closed, ", reopened.OutLines[2], StringComparison.Ordinal);
        Assert.Matches(
            @"^    2025-03  reopened  v2  MRR 270\.00 EUR \(provisional\)  reopened \d{4}-\d\d-\d\d \d\d:\d\dZ by alice: late March invoice for L$",
            Month(reopened, "2025-03"));
        Assert.Contains("  Pending restatements: none", reopened.OutLines);

        var reclose = await _cli.RunAsync("close", "2025-03", "--tenant", "acme", "--by", "ops");
        Assert.Equal(0, reclose.ExitCode);
        Assert.Equal(
            ["2025-03  closed  v2  MRR 270.00 EUR  customers 3  by ops", "Closed 1 month(s) of acme through 2025-03."],
            reclose.OutLines);

        var closed = await _cli.RunAsync("status", "--tenant", "acme");
        Assert.StartsWith("  Months: 3 closed, ", closed.OutLines[2], StringComparison.Ordinal);
        Assert.StartsWith("    2025-03  closed    v2  MRR 270.00 EUR  closed ", Month(closed, "2025-03"), StringComparison.Ordinal);
        Assert.EndsWith(" by ops  restatement none", Month(closed, "2025-03"), StringComparison.Ordinal);
        Assert.Contains("  Pending restatements: none", closed.OutLines);

        var kpis = await _cli.RunAsync("kpis", "--tenant", "acme", "--from", "2025-03", "--to", "2025-03");
        Assert.Equal(["2025-03", "closed", "2", "EUR", "270.00"], Words(kpis.OutLines[1])[..5]);

        var again = await _cli.RunAsync("reopen", "2025-04", "--tenant", "acme", "--reason", "typo");
        Assert.Equal(
            (1, "pipeline: error: 2025-04 of tenant acme is not closed (status Open): only a closed month can be reopened."),
            (again.ExitCode, again.ErrLines[^1]));
    }

    private static string Month(CliResult result, string month) =>
        Assert.Single(result.OutLines, line => line.StartsWith($"    {month}  ", StringComparison.Ordinal));

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
