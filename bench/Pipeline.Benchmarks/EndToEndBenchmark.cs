using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.Domain;
using Pipeline.Ingestion;

namespace Pipeline.Benchmarks;

/// <summary>
/// Times the pipeline end to end — a canonical file in storage until its import is Accepted with provisional months,
/// and the close of the first months through the API — beside Sylvan's whole-file read and DuckDB SQL over the same CSV.
/// </summary>
/// <remarks>
/// <para>
/// Issue 11, acceptance points 2–3; targets: ingest within 4× the whole-file read, close within 2× DuckDB, and the
/// KPIs equal to DuckDB's movement table. One run, in this order, each step timed once:
/// </para>
/// <list type="number">
/// <item>The <see cref="SyntheticLedger"/> (seeded: the same bytes every run; the SHA-256 is printed) is written as a
/// canonical revenue-lines CSV, and its month-end EUR/USD rates as a canonical rates file (a fifth of the customers
/// pay in USD), into a temporary folder that is deleted at the end.</item>
/// <item>Floor: Sylvan reads every field of the revenue-lines file through a <see cref="StreamReader"/>, keeping
/// nothing.</item>
/// <item>Peer: <see cref="DuckDbMovementTable"/> reads both CSV files and computes the movement table for every
/// month from the first through the last month that has ended.</item>
/// <item>Pipeline: Azurite and the local host start in this process (<see cref="LocalPipeline"/>); a small warm-up
/// tenant goes through ingest and close first so that the measured runs do not pay the JIT, and the benchmark waits
/// until the JIT's background recompilations are done (<see cref="JitQuiet"/>). The rates file is
/// dropped and ingested (untimed); then the revenue-lines file is uploaded into <c>exports/bench/</c>, and the
/// ingest time runs from the end of the upload until <c>GET …/imports</c> shows it Accepted — the record is written
/// last, after the ledger batch and the provisional months of every open month. Then
/// <c>POST …/closes/{month}</c> closes the first <c>--close-months</c> months (they must have ended
/// <c>CloseLagDays</c> ago by the real clock: the host runs on it), timed until the response.</item>
/// <item>The KPI rows (<c>GET …/kpis</c>) are compared with DuckDB's table: every month measured at its month end
/// (closed, or provisional before the data horizon), on MRR, the movements, delinquent churn and the customer
/// counts, in cents.</item>
/// <item>For the phases only: <see cref="ExportParser"/> parses the same local file as the host parsed the blob,
/// without storage and hashing. It runs last, so that neither its JIT nor the GC heap it grows helps the pipeline's
/// times; the pipeline has had only the small warm-up.</item>
/// </list>
/// <para>
/// The phases inside the two pipeline times come from the host's storage calls (<see cref="StorageCallTimeline"/>):
/// what runs inside a storage adapter (serialisation and the Azurite round trip) and what runs between the calls
/// (parsing, the ledger merge, the engine and each month's computation). The working set is sampled every 50 ms
/// during each pipeline step; the peak working set of the process covers everything it ran, benchmark, DuckDB and host.
/// </para>
/// </remarks>
internal static class EndToEndBenchmark
{
    private const string LinesFile = "revenue-lines.csv";
    private const string RatesFile = "rates.csv";
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private static readonly TenantId WarmUpTenant = TenantId.Parse("warmup");

    public static async Task<int> RunAsync(int lineCount, int months, int closeMonths, int warmUpLines, int timeoutSeconds)
    {
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var folder = Directory.CreateTempSubdirectory("pipeline-bench-e2e-");
        try
        {
            var generated = Generate(folder.FullName, lineCount, months);
            var through = generated.FirstMonth.PlusMonths(closeMonths - 1);
            var dueFrom = through.Next().FirstDay.AddDays(LocalPipeline.CloseLagDays);
            if (closeMonths < 1 || dueFrom > today)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Closing {closeMonths} months from {generated.FirstMonth} means closing {through}, which is due only from {dueFrom:yyyy-MM-dd} ({LocalPipeline.CloseLagDays} days after its end); today is {today:yyyy-MM-dd}. Use fewer --close-months."));
            }

            // Every month that has ended: the pipeline measures these at their month ends, closed or provisional.
            var lastEnded = BillingMonth.FromDate(today).Previous();
            var floor = MeasureFloor(generated);
            var (peer, duckDbSeconds) = MeasurePeer(generated, LocalPipeline.DelinquencyDays, lastEnded);
            var measured = await MeasurePipelineAsync(generated, through, closeMonths, warmUpLines, timeout);
            var parseSeconds = MeasureParse(generated);
            var comparison = KpiComparison.Of(measured.Kpis, peer, lastEnded);
            PrintSummary(floor, parseSeconds, duckDbSeconds, measured, comparison, closeMonths);
            return comparison.Equal ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed record Generated(string LinesPath, string RatesPath, BillingMonth FirstMonth);

    private sealed record Floor(double Seconds, long Rows, long Characters);

    private sealed record PipelineRun(
        double UploadSeconds,
        double IngestSeconds,
        ProcessUsage IngestUsage,
        long IngestPeakWorkingSet,
        double CloseSeconds,
        ProcessUsage CloseUsage,
        long ClosePeakWorkingSet,
        int ProvisionalMonths,
        int AwaitingDataMonths,
        List<JsonElement> Kpis,
        List<string> IngestPhases,
        List<string> ClosePhases);

    /// <summary>Writes the synthetic ledger as canonical files; the lines are dropped when this returns.</summary>
    private static Generated Generate(string folder, int lineCount, int months)
    {
        var watch = Stopwatch.StartNew();
        var (lines, rates, customers) = SyntheticLedger.Generate(lineCount, months);
        var firstMonth = BillingMonth.Containing(lines.Min(line => line.ServiceStart), TimeZoneInfo.Utc);
        var foreign = lines.Count(line => line.Currency != SyntheticLedger.Eur);
        var linesPath = Path.Combine(folder, LinesFile);
        var ratesPath = Path.Combine(folder, RatesFile);
        CanonicalLedgerCsv.WriteRevenueLines(linesPath, lines);
        CanonicalLedgerCsv.WriteRates(ratesPath, rates);
        string sha256;
        using (var stream = File.OpenRead(linesPath))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        var bytes = new FileInfo(linesPath).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"e2e: {lines.Count:N0} canonical revenue lines ({bytes / (1024.0 * 1024.0):F1} MiB, sha256 {sha256[..16]}…), {customers:N0} customers, {months} months from {firstMonth}; {foreign:N0} lines in USD, so also a rates file of {rates.Count} month-end EUR/USD rates; generated in {watch.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"     {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, {RuntimeInformationText()}"));
        var generated = new Generated(linesPath, ratesPath, firstMonth);
        lines.Clear();
        GC.Collect();
        return generated;
    }

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    /// <summary>The floor: the same bytes through a <see cref="StreamReader"/> and Sylvan, every field of every row read, nothing kept.</summary>
    /// <remarks>Reading the small rates file first compiles the same code, so the timed read does not pay the JIT.</remarks>
    private static Floor MeasureFloor(Generated generated)
    {
        SylvanFloor.ReadAsync(generated.RatesPath).GetAwaiter().GetResult();
        var watch = Stopwatch.StartNew();
        var (rows, characters) = SylvanFloor.ReadAsync(generated.LinesPath).GetAwaiter().GetResult();
        var floor = new Floor(watch.Elapsed.TotalSeconds, rows, characters);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  floor: Sylvan read {rows:N0} rows, every field ({characters:N0} characters), in {floor.Seconds:F2} s"));
        return floor;
    }

    /// <summary>
    /// For the phases only: <see cref="ExportParser"/> over the same local file, as the host parses the blob but without
    /// storage or hashing, after an untimed parse of a small file of the same format; the result is dropped at once.
    /// Run after the pipeline, whose host has warmed it up more than that.
    /// </summary>
    private static double MeasureParse(Generated generated)
    {
        var warmUp = Path.Combine(Path.GetDirectoryName(generated.LinesPath)!, "parse-warm-up.csv");
        var (lines, _, _) = SyntheticLedger.Generate(20_000, months: 13, seed: 7);
        CanonicalLedgerCsv.WriteRevenueLines(warmUp, lines);
        Parse(warmUp);
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var parsed = Parse(generated.LinesPath);
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  parse alone (for the phases): ExportParser read the local file into {parsed:N0} lines in {seconds:F2} s"));
        GC.Collect();
        return seconds;
    }

    /// <remarks>Synchronous, so that no state machine keeps the parsed lines alive after it returns.</remarks>
    private static int Parse(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var result = new ExportParser().ParseAsync(stream, LinesFile, new ExportParseOptions(TimeZoneInfo.Utc), CancellationToken.None)
            .GetAwaiter().GetResult();
        return result.IsRefused ? throw new InvalidOperationException(result.RefusalReason) : result.Lines.Count;
    }

    /// <remarks>An untimed query first loads DuckDB's native library, so the timed one is the SQL alone.</remarks>
    private static (List<MonthFigures> Table, double Seconds) MeasurePeer(Generated generated, int delinquencyDays, BillingMonth last)
    {
        DuckDbMovementTable.WarmUp();
        var watch = Stopwatch.StartNew();
        var table = DuckDbMovementTable.Compute(
            generated.LinesPath, generated.RatesPath, SyntheticLedger.Eur, delinquencyDays, generated.FirstMonth, last);
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  DuckDB: read the CSV files and computed the movement table of {table.Count} months ({generated.FirstMonth} to {last}) in {seconds:F2} s; MRR at the end of {last}: {table.LastOrDefault()?.Mrr ?? 0m:N2} EUR"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"          over those months: new {table.Sum(row => row.NewMrr):N0} ({table.Sum(row => row.NewCustomers):N0} customers), expansion {table.Sum(row => row.ExpansionMrr):N0}, reactivation {table.Sum(row => row.ReactivationMrr):N0} ({table.Sum(row => row.ReactivatedCustomers):N0}), contraction {table.Sum(row => row.ContractionMrr):N0}, churn {table.Sum(row => row.ChurnedMrr):N0} ({table.Sum(row => row.ChurnedCustomers):N0}), of it delinquent {table.Sum(row => row.DelinquentChurnedMrr):N0}"));
        return (table, seconds);
    }

    private static async Task<PipelineRun> MeasurePipelineAsync(Generated generated, BillingMonth through, int closeMonths, int warmUpLines, TimeSpan timeout)
    {
        var starting = Stopwatch.StartNew();
        await using var pipeline = await LocalPipeline.StartAsync();
        await using var sampler = new WorkingSetSampler();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  pipeline: Azurite and the local host started in {starting.Elapsed.TotalSeconds:F1} s"));
        if (warmUpLines > 0)
        {
            await WarmUpAsync(pipeline, Path.GetDirectoryName(generated.LinesPath)!, warmUpLines, timeout);
            var (compiled, waited) = await JitQuiet.WaitAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  warm-up: {compiled:N0} more methods JIT-compiled in the background in the {waited.TotalSeconds:F1} s until the JIT was quiet (not timed)"));
        }

        await pipeline.UploadAsync($"{Tenant}/{RatesFile}", generated.RatesPath, timeout);
        await pipeline.WaitUntilAcceptedAsync(Tenant, RatesFile, timeout);

        var uploading = Stopwatch.StartNew();
        await pipeline.UploadAsync($"{Tenant}/{LinesFile}", generated.LinesPath, timeout);
        var uploadSeconds = uploading.Elapsed.TotalSeconds;
        sampler.TakePeak();
        var (ingestStart, ingestBefore, ingestJit) = (Stopwatch.GetTimestamp(), ProcessUsage.Now(), JitInfo.GetCompiledMethodCount());
        var import = await pipeline.WaitUntilAcceptedAsync(Tenant, LinesFile, timeout);
        var (ingestEnd, ingestUsage, ingestPeak) = (Stopwatch.GetTimestamp(), ProcessUsage.Now() - ingestBefore, sampler.TakePeak());
        var ingestSeconds = Stopwatch.GetElapsedTime(ingestStart, ingestEnd).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  pipeline ingest: uploaded in {uploadSeconds:F1} s (not timed), then Accepted after {ingestSeconds:F2} s: {import.GetProperty("rows").GetInt32():N0} rows, {import.GetProperty("rowErrors").GetInt32()} bad, format {import.GetProperty("format").GetString()}; {JitInfo.GetCompiledMethodCount() - ingestJit:N0} methods JIT-compiled meanwhile"));

        var provisional = await pipeline.GetKpisAsync(Tenant, timeout);
        var provisionalMonths = provisional.Count(row => row.GetProperty("status").GetString() == "provisional");
        var awaiting = provisional.Count(row => row.GetProperty("status").GetString() == "awaiting-data");
        var ingestPhases = EndToEndPhases.Ingest(pipeline.Timeline.Since(ingestStart), ingestStart, ingestEnd, provisionalMonths);

        sampler.TakePeak();
        var (closeStart, closeBefore, closeJit) = (Stopwatch.GetTimestamp(), ProcessUsage.Now(), JitInfo.GetCompiledMethodCount());
        var closed = await pipeline.CloseThroughAsync(Tenant, through, timeout);
        var (closeEnd, closeUsage, closePeak) = (Stopwatch.GetTimestamp(), ProcessUsage.Now() - closeBefore, sampler.TakePeak());
        var closeSeconds = Stopwatch.GetElapsedTime(closeStart, closeEnd).TotalSeconds;
        if (closed.Count != closeMonths)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"POST closes/{through} closed {closed.Count} months, expected {closeMonths}: {string.Join(", ", closed)}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  pipeline close: POST closes/{through} closed {closed.Count} months ({closed[0]} to {closed[^1]}) in {closeSeconds:F2} s; {JitInfo.GetCompiledMethodCount() - closeJit:N0} methods JIT-compiled meanwhile"));
        var closePhases = EndToEndPhases.Close(pipeline.Timeline.Since(closeStart), closeStart, closeEnd, $"POST /api/tenants/{Tenant}/closes/{through}", closed.Count);
        var kpis = await pipeline.GetKpisAsync(Tenant, timeout);
        return new PipelineRun(
            uploadSeconds, ingestSeconds, ingestUsage, ingestPeak, closeSeconds, closeUsage, closePeak,
            provisionalMonths, awaiting,
            kpis, ingestPhases, closePhases);
    }

    /// <summary>A small tenant through the same path (rates, lines, a close of 12 months), so the measured runs find the code JIT-compiled.</summary>
    private static async Task WarmUpAsync(LocalPipeline pipeline, string folder, int lineCount, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var (lines, rates, _) = SyntheticLedger.Generate(lineCount, months: 13, seed: 7);
        var first = BillingMonth.Containing(lines.Min(line => line.ServiceStart), TimeZoneInfo.Utc);
        var (linesPath, ratesPath) = (Path.Combine(folder, "warm-up-" + LinesFile), Path.Combine(folder, "warm-up-" + RatesFile));
        CanonicalLedgerCsv.WriteRevenueLines(linesPath, lines);
        CanonicalLedgerCsv.WriteRates(ratesPath, rates);
        await pipeline.UploadAsync($"{WarmUpTenant}/{RatesFile}", ratesPath, timeout);
        await pipeline.WaitUntilAcceptedAsync(WarmUpTenant, RatesFile, timeout);
        await pipeline.UploadAsync($"{WarmUpTenant}/{LinesFile}", linesPath, timeout);
        await pipeline.WaitUntilAcceptedAsync(WarmUpTenant, LinesFile, timeout);
        var closed = await pipeline.CloseThroughAsync(WarmUpTenant, first.PlusMonths(11), timeout);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  warm-up: tenant {WarmUpTenant}, {lines.Count:N0} lines ingested and {closed.Count} months closed in {watch.Elapsed.TotalSeconds:F1} s (not timed)"));
    }

    private static void PrintSummary(Floor floor, double parseSeconds, double duckDbSeconds, PipelineRun run, KpiComparison comparison, int closeMonths)
    {
        var ingestRatio = run.IngestSeconds / floor.Seconds;
        var closeRatio = run.CloseSeconds / duckDbSeconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine();
        Console.WriteLine(string.Concat(new string(' ', 60), "seconds   ratio   target"));
        Console.WriteLine(Row("floor: Sylvan whole-file read", floor.Seconds, null, null));
        Console.WriteLine(Row("(ExportParser alone over the local file)", parseSeconds, parseSeconds / floor.Seconds, null));
        Console.WriteLine(Row(
            string.Create(CultureInfo.InvariantCulture, $"pipeline ingest e2e (→ Accepted, {run.ProvisionalMonths} provisional months)"),
            run.IngestSeconds, ingestRatio, string.Create(CultureInfo.InvariantCulture, $"≤ 4× floor: {(ingestRatio <= 4 ? "met" : "not met")}")));
        Console.WriteLine(Row("DuckDB SQL (read CSV + movement table)", duckDbSeconds, null, null));
        Console.WriteLine(Row(
            string.Create(CultureInfo.InvariantCulture, $"pipeline close e2e (POST, {closeMonths} months)"),
            run.CloseSeconds, closeRatio, string.Create(CultureInfo.InvariantCulture, $"≤ 2× DuckDB: {(closeRatio <= 2 ? "met" : "not met")}")));
        Console.WriteLine();
        Console.WriteLine(comparison.Equal
            ? string.Create(CultureInfo.InvariantCulture,
                $"KPIs equal DuckDB: yes ({comparison.Months} months: {comparison.Closed} closed, {comparison.Provisional} provisional; mrr, movements, delinquent churn and customer counts in cents)")
            : string.Create(CultureInfo.InvariantCulture,
                $"KPIs equal DuckDB: no — {comparison.Differences.Count} differences over {comparison.Months} months; the first ones:{Environment.NewLine}    {string.Join(Environment.NewLine + "    ", comparison.Differences.Take(15))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set of the process (benchmark, DuckDB and host together): {Mib(peak)}; sampled during ingest {Mib(run.IngestPeakWorkingSet)}, during close {Mib(run.ClosePeakWorkingSet)}"));
        Console.WriteLine("ingest: " + run.IngestUsage.Describe(run.IngestSeconds));
        Console.WriteLine("close:  " + run.CloseUsage.Describe(run.CloseSeconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the file's upload into exports took {run.UploadSeconds:F1} s (before the ingest time starts); {run.AwaitingDataMonths} months after the data horizon await data"));
        Console.WriteLine();
        Console.WriteLine("ingest phases (from the host's storage calls; storage = inside the adapters: serialisation + Azurite):");
        run.IngestPhases.ForEach(line => Console.WriteLine("  " + line));
        Console.WriteLine("close phases:");
        run.ClosePhases.ForEach(line => Console.WriteLine("  " + line));
    }

    private static string Row(string label, double seconds, double? ratio, string? target) => string.Create(CultureInfo.InvariantCulture,
        $"{label,-58} {seconds,8:F2} {(ratio is { } value ? value.ToString("F1", CultureInfo.InvariantCulture) + "×" : string.Empty),7}   {target}");

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):N0} MiB");
}
