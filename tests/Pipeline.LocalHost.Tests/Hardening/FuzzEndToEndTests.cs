using System.Globalization;
using Azure.Storage.Blobs;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>
/// Issue 15, fuzz acceptance, kept in CI: mutated exports of every format through the built local host (a process of
/// its own) on Azurite. The host never dies and never answers 5xx while it ingests and is read, every import ends with
/// a final status, and its memory stays under <see cref="MaxHostMebibytes"/>.
/// </summary>
/// <remarks>
/// The same generator (<see cref="FuzzExports"/>) and campaign (<see cref="FuzzCampaign"/>) as the benchmark's
/// <c>fuzz</c> command, which runs 2,000 files and more (README, Performance); here 231 files (11 of each sample format),
/// seeded, so a failure names a file that <c>FuzzExports.Generate(…, count: 1, seed: 2, first: n)</c> makes again.
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class FuzzEndToEndTests(AzuriteInstance azurite)
{
    /// <summary>The bound on the host's peak working set: the 2,000-file run peaks well under it (README, Performance).</summary>
    private const long MaxHostMebibytes = 1_024;

    private const int Seed = 2;

    [Fact]
    public async Task MutatedFilesOfEveryFormat_EveryImportFinal_No5xx_HostAliveAndBounded()
    {
        var fixtures = FuzzExports.DefaultFixturesFolder;
        var formats = FuzzExports.Formats(fixtures);
        var count = formats.Count * 11;
        var port = LocalHostProcess.FreePort();
        await using var host = LocalHostProcess.Start(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Pipeline__ReportingCurrency"] = "EUR",
            ["Pipeline__BusinessTimeZone"] = "UTC",
            ["LocalHost__PollInterval"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
        }, "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        await host.WaitForAsync(new Uri(address, "/api/health"));
        var exports = new BlobContainerClient(azurite.ConnectionString, host.ExportsContainer);
        await exports.CreateIfNotExistsAsync();
        using var http = new HttpClient { BaseAddress = address };
        var campaign = new FuzzCampaign(
            http,
            async (name, bytes) => await exports.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: false),
            () => host.Problem);
        var tenants = Enumerable.Range(1, 6).Select(tenant => string.Create(CultureInfo.InvariantCulture, $"fuzz-{tenant}")).ToList();

        var outcome = await campaign.RunAsync(
            tenants, FuzzExports.Baseline(fixtures), FuzzExports.Generate(fixtures, count, Seed), "2025-06", TimeSpan.FromSeconds(240));
        var peak = host.PeakWorkingSet;

        var summary = string.Join(Environment.NewLine, outcome.Describe());
        Assert.True(outcome.Violations.IsEmpty, summary);
        Assert.Null(host.Problem);
        Assert.Equal(count + tenants.Count, outcome.Results.Count);
        Assert.All(formats, format => Assert.Equal(11, outcome.Results.Count(result => result.Format == format)));
        // The run exercises both outcomes: enough mutants survive to be parsed into the ledger, and most are refused.
        Assert.True(outcome.Results.Count(result => result.Status == "Accepted") >= 30, summary);
        Assert.True(outcome.Results.Count(result => result.Status == "Rejected") >= count / 3, summary);
        Assert.True(peak > 0 && peak < MaxHostMebibytes * 1024 * 1024,
            string.Create(CultureInfo.InvariantCulture, $"The host's peak working set was {peak / (1024 * 1024)} MiB, over the {MaxHostMebibytes} MiB bound.{Environment.NewLine}{summary}"));
    }
}
