using System.Diagnostics;
using System.Globalization;
using Pipeline.Domain;

namespace Pipeline.Benchmarks;

/// <summary>
/// Bounded HTTP load on the KPI reads of a tenant with <c>--months</c> closed months and segment rows, beside
/// <c>/api/health</c> in the same run: p50, p90, p99, max and errors per endpoint.
/// </summary>
/// <remarks>
/// <para>
/// Issue 16. Azurite and the local host start in this process as for <c>e2e</c> (<see cref="LocalPipeline"/>); the
/// <see cref="SyntheticLedger"/> (seeded) starts <c>--months</c> months before the current one, so after its ingest a
/// close through the last due month closes every month of it. Then each endpoint in turn gets <c>--requests</c> GETs
/// over <c>--connections</c> concurrent connections (one <see cref="HttpClient"/> whose handler allows that many), after
/// an untimed warm-up of a tenth as many. A request is an error when it fails, times out (<c>--timeout</c> seconds
/// each) or answers anything but 200; its time still counts. The last endpoint, <c>/kpis If-None-Match</c>, is
/// <c>/kpis</c> revalidated as a BI gateway or browser does with the ETag of a first answer: each must answer 304.
/// </para>
/// <para>
/// The target: <c>/kpis</c> and <c>/kpis/{month}</c> at a p99 within 1.5× the p99 of <c>/api/health</c>, which reads no
/// storage, so the quotient is the price of a KPI read over the host's own queueing on this machine.
/// </para>
/// <para>
/// The floor: right after <c>/api/health</c>, <c>constant body (as /kpis)</c> answers a constant body of exactly
/// <c>/kpis</c>'s length from memory (<see cref="LocalPipeline.ConstantBodyRoute"/>, through the same middleware and
/// routing), so the table shows what sending that many bytes costs this host and the load generator, apart from
/// anything the KPI read does. The last column is the CPU time per request of this process and Azurite together.
/// </para>
/// <para>
/// The endpoints take turns in <c>--rounds</c> rounds (each round gives every endpoint its share of the requests, in the
/// same order), so a change in the machine's load during the run (the load generator, the host and Azurite share two
/// cores) reaches every endpoint alike instead of whichever ran at that moment: run one after another, the same build
/// gave <c>/kpis</c> 1.4× to 3.1× health's p99. The table pools each endpoint's rounds; the quotient is also given per
/// round (its median and range).
/// </para>
/// </remarks>
internal static class LoadBenchmark
{
    private const string LinesFile = "revenue-lines.csv";
    private const string RatesFile = "rates.csv";
    private static readonly TenantId Tenant = TenantId.Parse("load");

    /// <param name="lineCount">Lines of the synthetic ledger.</param>
    /// <param name="months">Months of it, all closed.</param>
    /// <param name="connections">Concurrent connections.</param>
    /// <param name="requests">Timed requests per endpoint.</param>
    /// <param name="timeoutSeconds">Each request's timeout.</param>
    /// <param name="compressed">Whether the client asks for Brotli or gzip (and decompresses), as BI tools and browsers do.</param>
    /// <param name="only">Only the endpoints with these names (for a profile of one of them); every one when empty.</param>
    /// <param name="rounds">Rounds the endpoints take turns in; each round sends each endpoint <paramref name="requests"/> ÷ rounds GETs.</param>
    public static async Task<int> RunAsync(
        int lineCount, int months, int connections, int requests, int timeoutSeconds, bool compressed, IReadOnlyCollection<string> only,
        int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var setupTimeout = TimeSpan.FromMinutes(15);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var lastDue = BillingMonth.FromDate(today.AddDays(-LocalPipeline.CloseLagDays)).Previous();
        var first = lastDue.PlusMonths(1 - months);
        var folder = Directory.CreateTempSubdirectory("pipeline-bench-load-");
        try
        {
            await using var pipeline = await LocalPipeline.StartAsync();
            await LoadTenantAsync(pipeline, folder.FullName, lineCount, months, first, lastDue, setupTimeout);
            var middle = first.PlusMonths(months / 2);
            var kpisBody = await KpisBodyLengthAsync(pipeline);
            (string Name, string Path, bool Revalidate)[] endpoints =
            [
                ("/api/health", "/api/health", false),
                (ConstantBodyName, $"{LocalPipeline.ConstantBodyRoute}/{kpisBody}", false),
                ("/kpis", $"/api/tenants/{Tenant}/kpis", false),
                ("/kpis/{month}", $"/api/tenants/{Tenant}/kpis/{middle}", false),
                ("/kpis?format=csv", $"/api/tenants/{Tenant}/kpis?format=csv", false),
                ("/kpis?by=plan", $"/api/tenants/{Tenant}/kpis?by=plan", false),
                ("/kpis If-None-Match", $"/api/tenants/{Tenant}/kpis", true),
            ];
            var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = connections,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                AutomaticDecompression = compressed ? System.Net.DecompressionMethods.Brotli | System.Net.DecompressionMethods.GZip : System.Net.DecompressionMethods.None,
            };
            using var client = new HttpClient(handler)
            {
                BaseAddress = pipeline.Address,
                Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            };
            var chosen = endpoints.Where(endpoint => only.Count == 0 || only.Contains(endpoint.Name)).ToList();
            var etags = new Dictionary<string, string?>();
            foreach (var (name, path, revalidate) in chosen)
            {
                string? etag = null;
                if (revalidate)
                {
                    using var unconditional = await client.GetAsync(new Uri(path, UriKind.Relative));
                    etag = unconditional.Headers.ETag?.ToString();
                }

                etags[name] = etag;
                await LoadResult.MeasureAsync(client, path, connections, Math.Max(connections, requests / 10), etag);
            }

            var perRound = Math.Max(connections, requests / rounds);
            var measured = chosen.ToDictionary(endpoint => endpoint.Name, _ => new List<LoadResult>());
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, path, _) in chosen)
                {
                    measured[name].Add(await LoadResult.MeasureAsync(client, path, connections, perRound, etags[name]));
                }
            }

            var results = chosen.Select(endpoint => (endpoint.Name, Rounds: measured[endpoint.Name])).ToList();
            Print(results, connections, perRound, rounds, compressed);
            return results.Any(result => result.Rounds.Any(round => round.Errors > 0)) ? 1 : 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The floor's name in the table: a constant body of <c>/kpis</c>'s length, from memory.</summary>
    private const string ConstantBodyName = "constant body (as /kpis)";

    /// <summary>The length of <c>/kpis</c>'s uncompressed body, which the floor's constant body copies.</summary>
    private static async Task<int> KpisBodyLengthAsync(LocalPipeline pipeline)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = pipeline.Address,
        };
        var body = await client.GetByteArrayAsync(new Uri($"/api/tenants/{Tenant}/kpis", UriKind.Relative));
        return body.Length;
    }

    /// <summary>Ingests the synthetic ledger (rates, then lines) and closes every month of it.</summary>
    private static async Task LoadTenantAsync(
        LocalPipeline pipeline, string folder, int lineCount, int months, BillingMonth first, BillingMonth lastDue, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var (lines, rates, customers) = SyntheticLedger.Generate(lineCount, months, firstMonth: first);
        var (linesPath, ratesPath) = (Path.Combine(folder, LinesFile), Path.Combine(folder, RatesFile));
        CanonicalLedgerCsv.WriteRevenueLines(linesPath, lines);
        CanonicalLedgerCsv.WriteRates(ratesPath, rates);
        await pipeline.UploadAsync($"{Tenant}/{RatesFile}", ratesPath, timeout);
        await pipeline.WaitUntilAcceptedAsync(Tenant, RatesFile, timeout);
        await pipeline.UploadAsync($"{Tenant}/{LinesFile}", linesPath, timeout);
        await pipeline.WaitUntilAcceptedAsync(Tenant, LinesFile, timeout);
        var closed = await pipeline.CloseThroughAsync(Tenant, lastDue, timeout);
        var rows = await pipeline.GetKpisAsync(Tenant, timeout);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: tenant {Tenant}, {lines.Count:N0} lines, {customers:N0} customers from {first}; {closed.Count} months closed ({first} to {lastDue}), {rows.Count} KPI rows in all; set up in {watch.Elapsed.TotalSeconds:F0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"      {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; host and load generator in this process"));
    }

    private static void Print(List<(string Name, List<LoadResult> Rounds)> results, int connections, int perRound, int rounds, bool compressed)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {perRound * rounds:N0} GETs per endpoint ({rounds} interleaved rounds of {perRound:N0}) over {connections} connections, {(compressed ? "Accept-Encoding: br, gzip" : "no Accept-Encoding")} (ms):"));
        Console.WriteLine("  | endpoint | p50 | p90 | p99 | max | errors | requests/s | bytes/response | CPU µs/request |");
        Console.WriteLine("  |---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var pooled = results.Select(result => (result.Name, Result: LoadResult.Pool(result.Rounds))).ToList();
        foreach (var (name, result) in pooled)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  | `{name}` | {result.Percentile(0.50):F1} | {result.Percentile(0.90):F1} | {result.Percentile(0.99):F1} | {result.Max:F1} | {result.Errors} | {result.Throughput:F0} | {result.MeanBytes:N0} | {result.CpuMicrosecondsPerRequest:F0} |"));
        }

        if (results[0].Name != "/api/health")
        {
            return;
        }

        var health = pooled[0].Result.Percentile(0.99);
        for (var endpoint = 1; endpoint < results.Count; endpoint++)
        {
            var quotients = results[endpoint].Rounds
                .Select((round, index) => round.Percentile(0.99) / results[0].Rounds[index].Percentile(0.99)).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {results[endpoint].Name}: p99 {pooled[endpoint].Result.Percentile(0.99) / health:F2}× /api/health's; per round median {Median(quotients):F2}× (range {quotients[0]:F2}–{quotients[^1]:F2}×)"));
        }
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
