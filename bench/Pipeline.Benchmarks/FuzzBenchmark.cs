using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Pipeline.Testing;

namespace Pipeline.Benchmarks;

/// <summary>
/// The hardening fuzz run (issue 15): thousands of mutated exports of every format through the local host on Azurite,
/// checking that the host never dies, never answers 5xx, and gives every import a final status, and measuring its memory.
/// </summary>
/// <remarks>
/// <para>
/// Azurite starts as the tests start it (<see cref="AzuriteInstance"/>); the host runs as a process of its own
/// (<see cref="HostProcess"/>) with a 200 ms export poll and the close schedule off. The files come from
/// <see cref="FuzzExports"/> (seeded: the same files for the same seed and count), made one at a time as they are
/// uploaded, and go to <c>--tenants</c> tenants <c>fuzz-01</c>…; <see cref="FuzzCampaign"/> drops them, reads while the
/// host ingests, waits for the final statuses, reads every import's detail and error page, and closes every tenant
/// through 2025-06 (the samples' months).
/// </para>
/// <para>
/// Prints the counts per status, format × status and first mutation × status, the reason codes, the read requests by
/// status, the largest import detail, the closes, every violation, the host's peak working set (its <c>VmHWM</c>) and
/// its working set at the end, and the times. Exit code 1 on any violation, or when the peak passes <c>--max-mib</c>.
/// </para>
/// </remarks>
internal static class FuzzBenchmark
{
    public static async Task<int> RunAsync(int files, int seed, int tenantCount, int timeoutSeconds, int maxMib)
    {
        var fixtures = FuzzExports.DefaultFixturesFolder;
        var tenants = Enumerable.Range(1, tenantCount).Select(tenant => string.Create(CultureInfo.InvariantCulture, $"fuzz-{tenant:D2}")).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fuzz: {files:N0} files, seed {seed}, {tenantCount} tenants, {FuzzExports.Formats(fixtures).Count} sample formats, {FuzzExports.Mutations.Count} mutations; {Environment.ProcessorCount} cores"));
        var starting = Stopwatch.StartNew();
        var azurite = new AzuriteInstance();
        await azurite.InitializeAsync();
        try
        {
            var prefix = AzuriteInstance.UniqueName("fuzz");
            var storage = azurite.StorageSettings(prefix);
            await using var host = await HostProcess.StartAsync(storage, new Dictionary<string, string>
            {
                ["Pipeline:ReportingCurrency"] = "EUR",
                ["Pipeline:BusinessTimeZone"] = "UTC",
                ["LocalHost:PollInterval"] = "00:00:00.200",
                ["LocalHost:RunCloseSchedule"] = "false",
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Azurite and the host (pid-separate, {host.Address}) started in {starting.Elapsed.TotalSeconds:N1} s; host working set {Mib(host.WorkingSet)}"));
            var exports = new BlobContainerClient(azurite.ConnectionString, $"{prefix}-exports");
            await exports.CreateIfNotExistsAsync();
            using var http = new HttpClient { BaseAddress = host.Address, Timeout = Timeout.InfiniteTimeSpan };
            var campaign = new FuzzCampaign(
                http,
                async (name, bytes) => await exports.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: false),
                () => host.Problem,
                Console.WriteLine);
            var outcome = await campaign.RunAsync(
                tenants, FuzzExports.Baseline(fixtures), FuzzExports.Generate(fixtures, files, seed), "2025-06", TimeSpan.FromSeconds(timeoutSeconds));
            var peak = host.PeakWorkingSet;
            var end = host.WorkingSet;
            Console.WriteLine();
            foreach (var line in outcome.Describe())
            {
                Console.WriteLine(line);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"host peak working set (VmHWM): {Mib(peak)} (bound checked: {maxMib:N0} MiB); working set at the end: {Mib(end)}"));
            var failed = !outcome.Violations.IsEmpty || peak > maxMib * 1024L * 1024L;
            Console.WriteLine(failed ? "fuzz: FAILED" : "fuzz: passed");
            return failed ? 1 : 0;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):N0} MiB");
}
