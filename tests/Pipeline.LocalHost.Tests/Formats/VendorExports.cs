using System.IO.Compression;

namespace Pipeline.LocalHost.Tests.Formats;

/// <summary>What the vendor-format end-to-end tests share: the rates file their fixtures assume and the MRR read-back.</summary>
internal static class VendorExports
{
    /// <summary>1 EUR = 1.25 USD at every month end of the fixtures' first half of 2025 (USD 100 = EUR 80), as their READMEs state.</summary>
    public const string Rates =
        """
        date,base,quote,rate
        2025-01-31,EUR,USD,1.25
        2025-02-28,EUR,USD,1.25
        2025-03-31,EUR,USD,1.25
        2025-04-30,EUR,USD,1.25
        2025-05-31,EUR,USD,1.25
        2025-06-30,EUR,USD,1.25

        """;

    /// <summary>Waits until the tenant's <paramref name="expected"/> imports are all Accepted and returns their formats.</summary>
    public static async Task<string[]> WaitForAcceptedAsync(LocalHostInstance host, string tenant, int expected)
    {
        var imports = await host.WaitForImportsAsync(tenant,
            rows => rows.Count == expected && rows.All(row => row.GetProperty("status").GetString() != "Processing"), seconds: 60);
        Assert.All(imports, import => Assert.Equal("Accepted", import.GetProperty("status").GetString()));
        return imports.Select(import => import.GetProperty("format").GetString() ?? string.Empty).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The reporting-currency MRR of each month from January to June 2025, as the KPI endpoint writes it.</summary>
    public static async Task<string[]> MrrJanuaryToJuneAsync(LocalHostInstance host, string tenant)
    {
        var rows = (await host.GetJsonAsync($"/api/tenants/{tenant}/kpis?from=2025-01&to=2025-06")).EnumerateArray().ToList();
        Assert.Equal(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"], rows.Select(row => row.GetProperty("month").GetString()!).ToArray());
        return rows.Select(row => row.GetProperty("mrr").GetRawText()).ToArray();
    }

    /// <summary>Every file of <c>Fixtures/exports/{folder}</c> at the root of a zip, as a vendor's export download.</summary>
    public static byte[] ZipFixtureFolder(params string[] folder)
    {
        var path = Path.Combine([AppContext.BaseDirectory, "Fixtures", "exports", .. folder]);
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
            {
                using var entry = archive.CreateEntry(Path.GetFileName(file)).Open();
                entry.Write(File.ReadAllBytes(file));
            }
        }

        return buffer.ToArray();
    }
}
