using System.Globalization;
using System.Text;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Imports;

/// <summary>
/// Feeds over a thousand mutated export files through detection, parsing and ingestion (issue 4 acceptance): no crash,
/// no hang, and every file ends Accepted or Rejected with a saved report.
/// </summary>
/// <remarks>
/// Seeds are every fixture under <c>Fixtures/exports/**</c> (enumerated at run time, so new vendor fixtures join in)
/// and the canonical samples. The mutations are drawn from a seeded <see cref="Random"/>, so a failure reproduces;
/// each failure names its seed file and mutations. Every file goes to a tenant of its own, so two mutants that happen
/// to have the same bytes are not recorded as duplicates of each other.
/// </remarks>
public sealed class IngestionFuzzTests : IDisposable
{
    private const int Files = 1_200;
    private const int HugeCell = 1 << 20;
    private static readonly TimeSpan PerFile = TimeSpan.FromSeconds(10);

    private static readonly string[] JunkCells =
    [
        "", " ", "n/a", "--", "€ 12,50", "(19.00)", "19,00-", "=1+2", "@SUM(A1)", "\"", "NaN", "-", "1e308", "0x1F",
        "99999999999999999999999999999999", "-0", "2025-02-30", "31/12/2024", "45291", "2025-13-01 25:61:61", "🙂",
        "\u0000", "\uFEFF", "TRUE", "WAAR", "eur", "XXX", "il_", "cus_", "\r", "\n", "\t", ";", ",", "|", "Total",
    ];

    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task IngestAsync_ThousandMutatedFiles_EachAcceptedOrRejectedWithAReport()
    {
        var seeds = Seeds();
        var random = new Random(20250401);
        var ingestion = _pipeline.Get<ExportIngestionService>();
        var failures = new List<string>();
        var statuses = new Dictionary<ImportStatus, int>();
        var acceptedContainers = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var index = 0; index < Files; index++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var (bytes, extension, description) = Mutate(seed.Content, random);
            var tenant = TenantId.Parse(string.Create(CultureInfo.InvariantCulture, $"fuzz-{index}"));
            var name = string.Concat(tenant.Value, "/", Path.GetFileNameWithoutExtension(seed.Name), extension);
            var label = string.Create(CultureInfo.InvariantCulture, $"#{index} {seed.Name} [{description}]");
            var problem = await IngestOneAsync(ingestion, tenant, name, bytes);
            if (problem.Message is not null)
            {
                failures.Add(string.Concat(label, ": ", problem.Message));
            }
            else
            {
                statuses[problem.Status] = statuses.GetValueOrDefault(problem.Status) + 1;
                if (problem.Status == ImportStatus.Accepted && extension is ".zip" or ".xlsx")
                {
                    acceptedContainers[extension] = acceptedContainers.GetValueOrDefault(extension) + 1;
                }
            }
        }

        Assert.True(failures.Count == 0, string.Concat(failures.Count.ToString(CultureInfo.InvariantCulture), " of ",
            Files.ToString(CultureInfo.InvariantCulture), " files failed:\n", string.Join("\n", failures.Take(20))));
        Assert.True(statuses.GetValueOrDefault(ImportStatus.Accepted) >= 50, $"Too few files were accepted to exercise parsing: {Describe(statuses)}");
        Assert.True(statuses.GetValueOrDefault(ImportStatus.Rejected) >= 200, $"Too few files were rejected: {Describe(statuses)}");
        // Containers really are read: some wrapped files survive their mutations and are accepted from inside them.
        Assert.True(acceptedContainers.GetValueOrDefault(".zip") >= 5 && acceptedContainers.GetValueOrDefault(".xlsx") >= 5,
            $"Too few .zip/.xlsx files were accepted: {string.Join(", ", acceptedContainers)}");
    }

    public void Dispose() => _pipeline.Dispose();

    /// <returns>The final status, or a message saying what went wrong (exception, hang, wrong status, missing report).</returns>
    private async Task<(ImportStatus Status, string? Message)> IngestOneAsync(
        ExportIngestionService ingestion, TenantId tenant, string name, byte[] bytes)
    {
        var blob = _pipeline.Inbox.Put(name, bytes);
        using var timeout = new CancellationTokenSource(PerFile);
        ImportRecord record;
        try
        {
            // WaitAsync also catches a loop that never looks at the token.
            record = await ingestion.IngestAsync(blob, timeout.Token).WaitAsync(PerFile + TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            return (default, $"no result within {PerFile.TotalSeconds + 5} s (hang)");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return (default, string.Concat("threw ", exception.GetType().Name, ": ", exception.Message));
        }

        if (record.Status is not (ImportStatus.Accepted or ImportStatus.Rejected))
        {
            return (record.Status, string.Concat("ended ", record.Status.ToString()));
        }

        var report = await _pipeline.Reports.ReadAsync(tenant, record.ImportId, CancellationToken.None);
        if (report is null || report.Status != record.Status)
        {
            return (record.Status, "no report saved with the record's status");
        }

        return record.Status == ImportStatus.Rejected && (string.IsNullOrWhiteSpace(record.Reason) || string.IsNullOrEmpty(record.ReasonCode)
            || report.ReasonCode != record.ReasonCode || report.Reason != record.Reason)
            ? (record.Status, $"rejected without a reason and reason code in record and report (reason '{record.Reason}', code '{record.ReasonCode}')")
            : (record.Status, null);
    }

    private static List<(string Name, byte[] Content)> Seeds()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "exports");
        var seeds = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(path => !string.Equals(Path.GetFileName(path), "README.md", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Select(path => (Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllBytes(path)))
                .ToList()
            : [];
        Assert.Contains(seeds, seed => seed.Item1 == "stripe-sigma/invoice-lines.csv");
        seeds.AddRange(new (string, string)[]
        {
            ("samples/revenue.csv", SampleExports.RevenueLines),
            ("samples/broken-revenue.csv", SampleExports.BrokenRevenueLines),
            ("samples/rates.csv", MultiCurrencyExports.Rates),
            ("samples/customers.csv", MultiCurrencyExports.Customers),
            ("samples/spend.csv", MultiCurrencyExports.Spend),
            ("samples/multi-currency-revenue.csv", MultiCurrencyExports.RevenueLines),
        }.Select(sample => (sample.Item1, Encoding.UTF8.GetBytes(sample.Item2))));
        return seeds;
    }

    /// <summary>One to three mutations of the seed; the extension is the seed's unless a mutation renames it.</summary>
    private static (byte[] Bytes, string Extension, string Description) Mutate(byte[] seed, Random random)
    {
        var bytes = seed;
        var extension = ".csv";
        var applied = new List<string>();
        var count = random.Next(100) < 60 ? 1 : random.Next(2, 4);
        for (var step = 0; step < count; step++)
        {
            var kind = random.Next(18);
            applied.Add(kind.ToString(CultureInfo.InvariantCulture));
            bytes = kind switch
            {
                0 => bytes[..random.Next(bytes.Length + 1)],
                1 => Encoding.Unicode.GetBytes(Text(bytes)),
                2 => Windows1252(bytes, random),
                3 => RandomBytes(random),
                4 => Columns(bytes, random, Shuffle),
                5 => Columns(bytes, random, Duplicate),
                6 => Columns(bytes, random, Drop),
                7 => JunkCell(bytes, random),
                8 => Cell(bytes, random, new string(random.Next(2) == 0 ? '9' : 'x', HugeCell)),
                9 => Insert(bytes, random, "\""),
                10 => [],
                11 => Encoding.UTF8.GetBytes(Text(bytes).Split('\n')[0]),
                12 => Encoding.UTF8.GetBytes(Text(bytes).Replace("\n", random.Next(2) == 0 ? "\r" : "\r\n\r\n", StringComparison.Ordinal)),
                13 => Encoding.UTF8.GetBytes(Text(bytes).Replace(',', ';')),
                16 => Zipped(bytes, random),
                17 => Workbook(bytes),
                _ => bytes,
            };
            extension = kind switch
            {
                14 => random.Next(2) == 0 ? ".xlsx" : ".zip",
                15 => random.Next(3) switch { 0 => ".txt", 1 => ".CSV", _ => string.Empty },
                16 => ".zip",
                17 => ".xlsx",
                _ => extension,
            };
        }

        return (bytes, extension, string.Join("+", applied));
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The bytes as a member of a zip (named like a Chargebee member or not), so later steps can break the archive.</summary>
    private static byte[] Zipped(byte[] bytes, Random random)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            var names = random.Next(3) switch { 0 => new[] { "Subscriptions.csv" }, 1 => ["export.csv"], _ => ["Subscriptions.csv", "SubscriptionAddons.csv"] };
            foreach (var name in names)
            {
                using var member = zip.CreateEntry(name).Open();
                member.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The text's lines as the first sheet of a minimal workbook (inline strings), so later steps can break it.</summary>
    private static byte[] Workbook(byte[] bytes)
    {
        var rows = new StringBuilder();
        var lines = Text(bytes).Split('\n');
        for (var row = 0; row < Math.Min(lines.Length, 2_000); row++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"<row r=\"{row + 1}\">");
            var cells = lines[row].TrimEnd('\r').Split(',');
            for (var column = 0; column < Math.Min(cells.Length, 26); column++)
            {
                var text = System.Security.SecurityElement.Escape(cells[column]) ?? string.Empty;
                rows.Append(CultureInfo.InvariantCulture, $"<c r=\"{(char)('A' + column)}{row + 1}\" t=\"inlineStr\"><is><t>{text}</t></is></c>");
            }

            rows.Append("</row>");
        }

        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
            ["xl/workbook.xml"] = $"<?xml version=\"1.0\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Relations}\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            ["xl/_rels/workbook.xml.rels"] = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            ["xl/worksheets/sheet1.xml"] = $"<?xml version=\"1.0\"?><worksheet xmlns=\"{Main}\"><sheetData>{rows}</sheetData></worksheet>",
        };
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The text as Windows-1252 bytes (unmappable characters become '?'), with a few stray high bytes.</summary>
    private static byte[] Windows1252(byte[] bytes, Random random)
    {
        var encoded = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(Text(bytes)).ToList();
        for (var stray = 0; stray < 3 && encoded.Count > 0; stray++)
        {
            encoded.Insert(random.Next(encoded.Count), random.Next(2) == 0 ? (byte)0x80 : (byte)0xE9);
        }

        return [.. encoded];
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(random.Next(10) == 0 ? 200_000 : 2_000)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Insert(byte[] bytes, Random random, string text)
    {
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. Encoding.UTF8.GetBytes(text), .. bytes[at..]];
    }

    /// <summary>Applies one column operation to every line, splitting naively on the first delimiter found in the header.</summary>
    private static byte[] Columns(byte[] bytes, Random random, Func<List<string>, int, int, List<string>> operation)
    {
        var lines = Text(bytes).Split('\n');
        var delimiter = new[] { ',', ';', '\t', '|' }.FirstOrDefault(candidate => lines[0].Contains(candidate, StringComparison.Ordinal), ',');
        var width = lines[0].Split(delimiter).Length;
        var (first, second) = (random.Next(width), random.Next(width));
        var mutated = lines.Select(line => string.Join(delimiter, operation([.. line.Split(delimiter)], first, second)));
        return Encoding.UTF8.GetBytes(string.Join('\n', mutated));
    }

    private static List<string> Shuffle(List<string> cells, int first, int second)
    {
        if (first < cells.Count && second < cells.Count)
        {
            (cells[first], cells[second]) = (cells[second], cells[first]);
        }

        if (cells.Count > 2)
        {
            cells.Reverse(1, cells.Count - 1);
        }

        return cells;
    }

    private static List<string> Duplicate(List<string> cells, int first, int second)
    {
        if (first < cells.Count)
        {
            cells.Insert(Math.Min(second, cells.Count), cells[first]);
        }

        return cells;
    }

    private static List<string> Drop(List<string> cells, int first, int second)
    {
        if (first < cells.Count)
        {
            cells.RemoveAt(first);
        }

        return cells;
    }

    private static byte[] JunkCell(byte[] bytes, Random random)
    {
        var mutated = bytes;
        for (var cell = random.Next(1, 6); cell > 0; cell--)
        {
            mutated = Cell(mutated, random, JunkCells[random.Next(JunkCells.Length)]);
        }

        return mutated;
    }

    /// <summary>Replaces one comma- or semicolon-separated cell of a random line (possibly the header) with <paramref name="value"/>.</summary>
    private static byte[] Cell(byte[] bytes, Random random, string value)
    {
        var lines = Text(bytes).Split('\n');
        var line = random.Next(lines.Length);
        var delimiter = lines[line].Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var cells = lines[line].Split(delimiter);
        cells[random.Next(cells.Length)] = random.Next(3) == 0 ? string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"") : value;
        lines[line] = string.Join(delimiter, cells);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static string Describe(Dictionary<ImportStatus, int> statuses) =>
        string.Join(", ", statuses.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value}")));
}
