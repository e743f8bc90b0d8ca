using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Pipeline.Testing;

/// <summary>One generated, mutated export file: what it was made from, how it was broken, and its bytes.</summary>
/// <param name="Number">Its number in the run; <see cref="FuzzExports.Generate"/> with the same seed makes the same file for it.</param>
/// <param name="Format">The format of the valid sample it was made from (<c>canonical-revenue-lines</c>, <c>chargebee-zip</c>, <c>xlsx</c>…).</param>
/// <param name="Mutation">The mutations applied, joined by <c>+</c> (<c>none</c> for the sample as it is).</param>
/// <param name="FileName">The name to drop it under, inside a tenant's folder (<c>00042-stripe-payments.csv</c>, <c>_profiles/p00042.json</c>).</param>
/// <param name="Content">The bytes.</param>
public sealed record FuzzExport(int Number, string Format, string Mutation, string FileName, byte[] Content);

/// <summary>
/// A deterministic generator of mutated export files (issue 15, fuzz acceptance): valid small samples of every format
/// the product recognises, broken in the ways real and hostile users break them.
/// </summary>
/// <remarks>
/// <para>
/// The samples are the fixtures under <c>tests/Fixtures/exports</c> (Stripe invoice lines, subscriptions, customers,
/// invoices and payments, Chargebee as CSV and as the export zip, Paddle, ChartMogul, Baremetrics, Google/Meta/LinkedIn
/// Ads, canonical rates, the mapping profile and the register it reads) and small canonical files written here
/// (revenue lines, customers, spend, ECB rates, and revenue lines as an <c>.xlsx</c> workbook). File <c>n</c> is
/// made from sample <c>n mod samples</c>, so every format gets the same share, by mutations drawn from a
/// <see cref="Random"/> seeded with the run's seed and <c>n</c>: one file can be made again alone
/// (<see cref="Generate"/> with <c>first</c>), which is how a regression test reproduces a file the fuzz found.
/// </para>
/// <para>
/// Mutations act at three stages: on the text before it is wrapped (columns duplicated or dropped, huge fields, very
/// long lines, NULs, junk cells, an unclosed quote, a 20,000-column header, only the header, Latin-1 text), on the
/// container (a zip member's declared size or CRC lying in the local header, the directory or both, zip bombs, nested
/// zips, too many members, a workbook with a huge shared string, too much shared text, a broken sheet or a shared
/// string index out of range), and on the final bytes (byte flips, truncation, UTF-16 LE/BE with or without a BOM,
/// a wrong extension); and some replace the file (empty, random binary). A fifth of the files get two mutations.
/// Big inputs (bombs, huge shared strings) are made once per size and reused, so a run stays fast; nothing is
/// written to disk.
/// </para>
/// </remarks>
public static class FuzzExports
{
    /// <summary>The mutations, by name, as they appear in <see cref="FuzzExport.Mutation"/>.</summary>
    public static readonly IReadOnlyList<string> Mutations =
    [
        "none", "byte-flip", "truncate", "duplicate-column", "drop-column", "huge-field", "long-line", "nul-bytes",
        "utf16le-bom", "utf16le", "utf16be-bom", "utf16be", "latin1", "junk-cells", "unclosed-quote", "many-columns",
        "header-only", "empty", "random-binary", "wrong-extension", "zipped", "zip-lying-size", "zip-lying-local-header",
        "zip-lying-crc", "zip-bomb", "nested-zip", "zip-many-members", "xlsx-huge-shared-string", "xlsx-too-much-text",
        "xlsx-broken-xml", "xlsx-bad-string-index", "json-deep-nesting",
    ];

    private const string ProfileFolder = "_profiles/";

    private static readonly string[] JunkCells =
    [
        "", " ", "n/a", "--", "€ 12,50", "(19.00)", "19,00-", "=1+2", "@SUM(A1)", "\"", "NaN", "1e308", "0x1F",
        "99999999999999999999999999999999", "-0", "2025-02-30", "31/12/2024", "45291", "2025-13-01 25:61:61", "🙂",
        "\uFEFF", "TRUE", "eur", "XXX", "il_", "cus_", "\r", "\t", ";", "|", "Total", "-9999999999999.99",
    ];

    private static readonly char[] Delimiters = [',', ';', '\t', '|'];
    private static readonly Dictionary<string, byte[]> Cache = new(StringComparer.Ordinal);
    private static readonly Lock CacheLock = new();

    /// <summary>The valid files every tenant gets before its fuzz files: the mapping profile the register samples need.</summary>
    public static IReadOnlyList<(string FileName, byte[] Content)> Baseline(string fixturesFolder) =>
        [(ProfileFolder + "register.json", File.ReadAllBytes(Path.Combine(fixturesFolder, "register", "register.json")))];

    /// <summary>The formats of the samples, in the order files are made from them.</summary>
    public static IReadOnlyList<string> Formats(string fixturesFolder) => [.. Samples(fixturesFolder).Select(sample => sample.Format)];

    /// <summary>Makes files <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 of the run seeded with <paramref name="seed"/>, one at a time.</summary>
    /// <param name="fixturesFolder">The <c>Fixtures/exports</c> folder (copied next to the test and benchmark binaries).</param>
    /// <param name="count">How many files.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="first">The number of the first file.</param>
    public static IEnumerable<FuzzExport> Generate(string fixturesFolder, int count, int seed, int first = 0)
    {
        var samples = Samples(fixturesFolder);
        for (var number = first; number < first + count; number++)
        {
            var random = new Random(unchecked((seed * 1_000_003) + number));
            yield return Make(samples[number % samples.Count], number, random);
        }
    }

    /// <summary>The default <c>Fixtures/exports</c> folder: next to the running binaries.</summary>
    public static string DefaultFixturesFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "exports");

    private enum Shape
    {
        Csv,
        Xlsx,
        ChargebeeZip,
        Profile,
    }

    private sealed record Sample(string Format, string BaseName, Shape Shape, byte[] Text, string Folder);

    private static List<Sample> Samples(string fixtures)
    {
        Sample Fixture(string format, Shape shape, params string[] path) =>
            new(format, Path.GetFileNameWithoutExtension(path[^1]), shape, File.ReadAllBytes(Path.Combine([fixtures, .. path])),
                Path.Combine([fixtures, .. path[..^1]]));
        Sample Inline(string format, string baseName, Shape shape, string text) => new(format, baseName, shape, Encoding.UTF8.GetBytes(text), fixtures);
        return
        [
            Inline("canonical-revenue-lines", "revenue-lines", Shape.Csv, RevenueLines),
            Inline("canonical-customers", "customers", Shape.Csv, Customers),
            Inline("canonical-spend", "spend", Shape.Csv, Spend),
            Fixture("canonical-rates", Shape.Csv, "ads", "rates.csv"),
            Inline("ecb-rates", "eurofxref-hist", Shape.Csv, EcbRates),
            Fixture("stripe-invoice-lines", Shape.Csv, "stripe-sigma", "invoice-lines.csv"),
            Fixture("stripe-subscriptions", Shape.Csv, "stripe", "subscriptions-2025-03.csv"),
            Fixture("stripe-customers", Shape.Csv, "stripe", "customers.csv"),
            Fixture("stripe-invoices", Shape.Csv, "stripe", "invoices.csv"),
            Fixture("stripe-payments", Shape.Csv, "stripe", "payments.csv"),
            Fixture("chargebee-subscriptions", Shape.Csv, "chargebee", "zip", "Subscriptions.csv"),
            Fixture("chargebee-zip", Shape.ChargebeeZip, "chargebee", "zip", "Subscriptions.csv"),
            Fixture("paddle-transaction-lines", Shape.Csv, "paddle", "transaction-line-items.csv"),
            Fixture("chartmogul-invoices", Shape.Csv, "chartmogul", "invoices.csv"),
            Fixture("baremetrics", Shape.Csv, "baremetrics", "subscriptions.csv"),
            Fixture("google-ads", Shape.Csv, "ads", "google-ads.csv"),
            Fixture("meta-ads", Shape.Csv, "ads", "meta-ads.csv"),
            Fixture("linkedin-ads", Shape.Csv, "ads", "linkedin-ads.csv"),
            Inline("xlsx", "revenue-lines", Shape.Xlsx, RevenueLines),
            Fixture("mapping-profile", Shape.Profile, "register", "register.json"),
            Fixture("profile:register", Shape.Csv, "register", "register-utf8-bom.csv"),
        ];
    }

    private static FuzzExport Make(Sample sample, int number, Random random)
    {
        var text = sample.Text;
        var applied = new List<string>();
        var count = random.Next(5) == 0 ? 2 : 1;
        var mutations = Enumerable.Range(0, count).Select(_ => Pick(sample.Shape, random)).Distinct().ToList();
        var before = mutations.Where(IsTextMutation).ToList();
        var after = mutations.Where(mutation => !IsTextMutation(mutation)).ToList();
        foreach (var mutation in before)
        {
            text = MutateText(text, mutation, sample.Shape, random);
            applied.Add(mutation);
        }

        var bytes = sample.Shape switch
        {
            Shape.Xlsx => Workbook(Decode(text)),
            Shape.ChargebeeZip => ChargebeeZip(text, sample.Folder),
            _ => text,
        };
        var extension = sample.Shape switch { Shape.Xlsx => ".xlsx", Shape.ChargebeeZip => ".zip", Shape.Profile => ".json", _ => ".csv" };
        foreach (var mutation in after)
        {
            (bytes, extension) = MutateBytes(bytes, extension, mutation, sample.Shape, random);
            applied.Add(mutation);
        }

        if (applied.Count == 0)
        {
            applied.Add("none");
        }

        var name = sample.Shape == Shape.Profile
            ? string.Create(CultureInfo.InvariantCulture, $"{ProfileFolder}p{number:D5}{extension}")
            : string.Create(CultureInfo.InvariantCulture, $"{number:D5}-{sample.BaseName}{extension}");
        return new FuzzExport(number, sample.Format, string.Join("+", applied), name, bytes);
    }

    private static string Pick(Shape shape, Random random)
    {
        string[] common =
        [
            "none", "byte-flip", "byte-flip", "truncate", "truncate", "duplicate-column", "drop-column", "huge-field", "long-line",
            "nul-bytes", "latin1", "junk-cells", "junk-cells", "unclosed-quote", "many-columns", "header-only", "empty", "random-binary",
        ];
        string[] text = ["utf16le-bom", "utf16le", "utf16be-bom", "utf16be", "wrong-extension", "zipped", "nested-zip"];
        string[] zip = ["zip-lying-size", "zip-lying-local-header", "zip-lying-crc", "zip-bomb", "nested-zip", "zip-many-members", "wrong-extension"];
        string[] xlsx = ["xlsx-huge-shared-string", "xlsx-too-much-text", "xlsx-broken-xml", "xlsx-bad-string-index", "wrong-extension", "zip-lying-size", "zip-lying-crc"];
        string[] json = ["utf16le-bom", "utf16be", "json-deep-nesting", "json-deep-nesting"];
        string[] choices = shape switch
        {
            Shape.Csv => [.. common, .. text],
            Shape.ChargebeeZip => [.. common, .. zip, .. zip],
            Shape.Xlsx => [.. common, .. xlsx, .. xlsx],
            _ => [.. common, .. json],
        };
        return choices[random.Next(choices.Length)];
    }

    private static bool IsTextMutation(string mutation) => mutation is "duplicate-column" or "drop-column" or "huge-field" or "long-line"
        or "nul-bytes" or "latin1" or "junk-cells" or "unclosed-quote" or "many-columns" or "header-only" or "json-deep-nesting";

    private static byte[] MutateText(byte[] text, string mutation, Shape shape, Random random) => mutation switch
    {
        "duplicate-column" => Columns(text, random, duplicate: true),
        "drop-column" => Columns(text, random, duplicate: false),
        "huge-field" => Cell(text, random, new string(random.Next(2) == 0 ? '9' : 'x', random.Next(1, 5) * 1024 * 1024)),
        "long-line" => Encoding.UTF8.GetBytes(string.Concat(Decode(text), "\n", string.Join(",", Enumerable.Repeat("1", random.Next(600_000, 1_100_000))), "\n")),
        "nul-bytes" => Insert(text, random, new byte[random.Next(1, 6)]),
        "latin1" => Latin1(Cell(text, random, "Café Müller – Straße"), random),
        "junk-cells" => Enumerable.Range(0, random.Next(1, 6)).Aggregate(text, (bytes, _) => Cell(bytes, random, JunkCells[random.Next(JunkCells.Length)])),
        "unclosed-quote" => Insert(text, random, "\""u8.ToArray()),
        "many-columns" => Encoding.UTF8.GetBytes(string.Concat(
            string.Join(",", Enumerable.Range(0, 20_000).Select(column => string.Create(CultureInfo.InvariantCulture, $"c{column}"))), ",", Decode(text))),
        "header-only" => shape == Shape.Profile ? "{}"u8.ToArray() : Encoding.UTF8.GetBytes(HeaderLine(Decode(text)) + "\n"),
        "json-deep-nesting" => Encoding.UTF8.GetBytes(string.Concat("{\"match\":", new string('[', 100_000), new string(']', 100_000), "}")),
        _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "not a text mutation"),
    };

    private static (byte[] Bytes, string Extension) MutateBytes(byte[] bytes, string extension, string mutation, Shape shape, Random random) => mutation switch
    {
        "none" => (bytes, extension),
        "byte-flip" => (Flip(bytes, random), extension),
        "truncate" => (bytes[..random.Next(bytes.Length + 1)], extension),
        "utf16le-bom" => (Reencode(bytes, new UnicodeEncoding(bigEndian: false, byteOrderMark: true)), extension),
        "utf16le" => (Reencode(bytes, new UnicodeEncoding(bigEndian: false, byteOrderMark: false)), extension),
        "utf16be-bom" => (Reencode(bytes, new UnicodeEncoding(bigEndian: true, byteOrderMark: true)), extension),
        "utf16be" => (Reencode(bytes, new UnicodeEncoding(bigEndian: true, byteOrderMark: false)), extension),
        "empty" => ([], extension),
        "random-binary" => (RandomBytes(random), extension),
        "wrong-extension" => (bytes, WrongExtension(extension, random)),
        "zipped" => (Zip(("export.csv", bytes)), ".zip"),
        "nested-zip" => (Zip(("inner.zip", shape == Shape.Csv ? Zip(("export.csv", bytes)) : bytes)), ".zip"),
        "zip-lying-size" => (Patch(bytes, local: true, central: true, random.Next(2) == 0 ? 7 : 0x7FFF_FFF0, crc: false), extension),
        "zip-lying-local-header" => (Patch(bytes, local: true, central: false, random.Next(1, 64), crc: false), extension),
        "zip-lying-crc" => (Patch(bytes, local: random.Next(2) == 0, central: true, random.Next(), crc: true), extension),
        "zip-bomb" => (Cached(string.Create(CultureInfo.InvariantCulture, $"bomb-{random.Next(3)}"), key => HostileExports.ZipBombOfValidRows(key[^1] switch
        {
            '0' => 2_000_000,
            '1' => 600_000,
            _ => 4_000_000,
        })), ".zip"),
        "zip-many-members" => (Zip([.. Enumerable.Range(0, 60).Select(member => (string.Create(CultureInfo.InvariantCulture, $"part-{member:D2}.csv"), bytes))]), ".zip"),
        "xlsx-huge-shared-string" => (Cached(string.Create(CultureInfo.InvariantCulture, $"string-{random.Next(3)}"), key => HostileExports.XlsxWithHugeSharedString(key[^1] switch
        {
            '0' => 40_000,
            '1' => 8L * 1024 * 1024,
            _ => 200L * 1024 * 1024,
        })), ".xlsx"),
        "xlsx-too-much-text" => (Cached("too-much-text", _ => Workbook(string.Concat(RevenueHeader, "\n",
            string.Join("\n", Enumerable.Range(0, 2_200).Select(row => string.Create(CultureInfo.InvariantCulture, $"cus_{row}{new string('x', 31_000)},49.00,EUR,2025-01-01,2025-02-01,month")))))), ".xlsx"),
        "xlsx-broken-xml" => (RewriteMember(bytes, "xl/worksheets/sheet1.xml", xml => xml[..random.Next(xml.Length / 2, xml.Length)] + "<c r=\"A1\"><<v>&bogus;"), extension),
        "xlsx-bad-string-index" => (RewriteMember(bytes, "xl/worksheets/sheet1.xml", xml => xml.Replace("<v>0</v>", "<v>99999999</v>", StringComparison.Ordinal)
            .Replace("t=\"s\"><v>1</v>", "t=\"s\"><v>-4</v>", StringComparison.Ordinal)), extension),
        _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "not a byte mutation"),
    };

    private static string WrongExtension(string extension, Random random)
    {
        string[] others = extension switch
        {
            ".csv" => [".xlsx", ".zip", ".json", ".txt", string.Empty],
            ".zip" => [".csv", ".xlsx"],
            ".xlsx" => [".csv", ".zip", ".xlsm"],
            _ => [".csv", ".zip"],
        };
        return others[random.Next(others.Length)];
    }

    private static byte[] Cached(string key, Func<string, byte[]> make)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(key, out var bytes))
            {
                bytes = make(key);
                Cache[key] = bytes;
            }

            return bytes;
        }
    }

    private static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');

    private static string HeaderLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).TrimEnd('\r');
    }

    private static byte[] Reencode(byte[] bytes, UnicodeEncoding encoding) => [.. encoding.GetPreamble(), .. encoding.GetBytes(Decode(bytes))];

    private static byte[] Latin1(byte[] bytes, Random random)
    {
        var encoded = Encoding.Latin1.GetBytes(Decode(bytes)).ToList();
        for (var stray = random.Next(4); stray > 0 && encoded.Count > 0; stray--)
        {
            encoded.Insert(random.Next(encoded.Count), random.Next(2) == 0 ? (byte)0x80 : (byte)0xE9);
        }

        return [.. encoded];
    }

    private static byte[] Flip(byte[] bytes, Random random)
    {
        var flipped = bytes.ToArray();
        for (var flip = random.Next(1, 17); flip > 0 && flipped.Length > 0; flip--)
        {
            flipped[random.Next(flipped.Length)] ^= (byte)random.Next(1, 256);
        }

        return flipped;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(random.Next(10) == 0 ? 300_000 : 4_000)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Insert(byte[] bytes, Random random, byte[] inserted)
    {
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. inserted, .. bytes[at..]];
    }

    /// <summary>Duplicates or drops one column in every line, splitting naively on the header's delimiter (quotes are not respected: that is part of the mutation).</summary>
    private static byte[] Columns(byte[] bytes, Random random, bool duplicate)
    {
        var lines = Decode(bytes).Split('\n');
        var delimiter = Delimiters.FirstOrDefault(candidate => lines[0].Contains(candidate, StringComparison.Ordinal), ',');
        var column = random.Next(lines[0].Split(delimiter).Length);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(line =>
        {
            var cells = line.Split(delimiter).ToList();
            if (column < cells.Count)
            {
                if (duplicate)
                {
                    cells.Insert(column, cells[column]);
                }
                else
                {
                    cells.RemoveAt(column);
                }
            }

            return string.Join(delimiter, cells);
        })));
    }

    /// <summary>Replaces one cell of a random line (the header too), quoted or not, with <paramref name="value"/>.</summary>
    private static byte[] Cell(byte[] bytes, Random random, string value)
    {
        var lines = Decode(bytes).Split('\n');
        var line = random.Next(lines.Length);
        var delimiter = Delimiters.FirstOrDefault(candidate => lines[line].Contains(candidate, StringComparison.Ordinal), ',');
        var cells = lines[line].Split(delimiter);
        cells[random.Next(cells.Length)] = random.Next(3) == 0 ? string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"") : value;
        lines[line] = string.Join(delimiter, cells);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] members)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A Chargebee export zip: the (mutated) <c>Subscriptions.csv</c> and the side members of the fixture's folder as they are.</summary>
    private static byte[] ChargebeeZip(byte[] subscriptions, string folder)
    {
        var members = new List<(string, byte[])> { ("Subscriptions.csv", subscriptions) };
        if (Directory.Exists(folder))
        {
            members.AddRange(Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal)
                .Where(path => !string.Equals(Path.GetFileName(path), "Subscriptions.csv", StringComparison.Ordinal))
                .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path))));
        }

        return Zip([.. members]);
    }

    /// <summary>
    /// Sets the uncompressed size (or the CRC-32) of every member to <paramref name="value"/> in the local headers, the
    /// central directory or both: a zip that lies about what it holds.
    /// </summary>
    private static byte[] Patch(byte[] zip, bool local, bool central, int value, bool crc)
    {
        var patched = zip.ToArray();
        for (var offset = 0; offset + 30 <= patched.Length; offset++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(offset));
            var field = (signature, crc) switch
            {
                (0x04034b50, false) when local => offset + 22,
                (0x04034b50, true) when local => offset + 14,
                (0x02014b50, false) when central => offset + 24,
                (0x02014b50, true) when central => offset + 16,
                _ => -1,
            };
            if (field > 0)
            {
                BinaryPrimitives.WriteInt32LittleEndian(patched.AsSpan(field), value);
            }
        }

        return patched;
    }

    /// <summary>The zip with one member's text rewritten (every other member copied as it is); the zip as it is when it has no such member or is broken.</summary>
    private static byte[] RewriteMember(byte[] zip, string name, Func<string, string> rewrite)
    {
        try
        {
            using var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            var members = new List<(string, byte[])>();
            foreach (var entry in source.Entries)
            {
                using var stream = entry.Open();
                using var content = new MemoryStream();
                stream.CopyTo(content);
                var bytes = content.ToArray();
                members.Add((entry.FullName, entry.FullName == name ? Encoding.UTF8.GetBytes(rewrite(Encoding.UTF8.GetString(bytes))) : bytes));
            }

            return Zip([.. members]);
        }
        catch (InvalidDataException)
        {
            return zip;
        }
    }

    /// <summary>The text's lines as the first sheet of a workbook: text cells as shared strings, numbers as numbers.</summary>
    private static byte[] Workbook(string text)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
        var strings = new List<string>();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var sheet = new StringBuilder();
        var lines = text.Split('\n');
        for (var row = 0; row < lines.Length; row++)
        {
            sheet.Append(CultureInfo.InvariantCulture, $"<row r=\"{row + 1}\">");
            var cells = lines[row].TrimEnd('\r').Split(',');
            for (var column = 0; column < Math.Min(cells.Length, 26); column++)
            {
                var reference = string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + column)}{row + 1}");
                if (decimal.TryParse(cells[column], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"><v>{cells[column]}</v></c>");
                    continue;
                }

                if (!indexes.TryGetValue(cells[column], out var index))
                {
                    index = strings.Count;
                    indexes[cells[column]] = index;
                    strings.Add(cells[column]);
                }

                sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>");
            }

            sheet.Append("</row>");
        }

        return Zip(
            ("[Content_Types].xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")),
            ("_rels/.rels", Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><Relationships xmlns=\"{PackageRelationships}\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
            ("xl/workbook.xml", Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\">" +
                "<sheets><sheet name=\"Revenue\" sheetId=\"1\" r:id=\"rId10\"/></sheets></workbook>")),
            ("xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><Relationships xmlns=\"{PackageRelationships}\">" +
                $"<Relationship Id=\"rId10\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                $"<Relationship Id=\"rId2\" Type=\"{Relationships}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")),
            ("xl/worksheets/sheet1.xml", Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><worksheet xmlns=\"{Main}\"><sheetData>{sheet}</sheetData></worksheet>")),
            ("xl/sharedStrings.xml", Encoding.UTF8.GetBytes(string.Concat(
                $"<?xml version=\"1.0\"?><sst xmlns=\"{Main}\" count=\"{strings.Count}\" uniqueCount=\"{strings.Count}\">",
                string.Concat(strings.Select(value => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(value)}</t></si>")),
                "</sst>"))));
    }

    private const string RevenueHeader = "customer_id,amount,currency,service_start,service_end,interval";

    private static readonly string RevenueLines = string.Concat(
        "line_id,customer_id,customer_name,plan,amount,currency,service_start,service_end,interval,status,segment,channel\n",
        string.Concat(Enumerable.Range(1, 24).Select(line => string.Create(CultureInfo.InvariantCulture,
            $"l{line:D3},cus_{line % 9:D3},Customer {line % 9},{(line % 3 == 0 ? "pro" : "starter")},{49 + (line % 4 * 50)}.00,{(line % 5 == 0 ? "USD" : "EUR")},2025-{1 + (line % 6):D2}-01,2025-{2 + (line % 6):D2}-01,month,{(line % 11 == 0 ? "void" : "paid")},{(line % 2 == 0 ? "SMB" : "Mid")},{(line % 4 == 0 ? "google_ads" : "organic")}\n"))));

    private static readonly string Customers = string.Concat(
        "customer_id,name,email,country,segment,channel,campaign,created_at\n",
        string.Concat(Enumerable.Range(0, 9).Select(customer => string.Create(CultureInfo.InvariantCulture,
            $"cus_{customer:D3},Customer {customer},c{customer}@example.com,{(customer % 2 == 0 ? "NL" : "DE")},SMB,{(customer % 3 == 0 ? "meta_ads" : "referral")},spring,2025-01-{1 + customer:D2}\n"))));

    private const string Spend =
        "month,channel,amount,currency,campaign\n2025-01,google_ads,1200.00,EUR,brand\n2025-01,meta_ads,800.50,EUR,retargeting\n" +
        "2025-02,google_ads,1100.00,EUR,brand\n2025-02,linkedin_ads,450.00,USD,abm\n2025-03,google_ads,990.10,EUR,brand\n";

    private const string EcbRates =
        "Date,USD,JPY,GBP,CHF,\n2025-03-31,1.0815,161.06,0.8354,0.9531,\n2025-02-28,1.0411,156.07,0.8256,0.9390,\n" +
        "2025-01-31,1.0393,160.40,0.8370,0.9438,\n2024-12-31,1.0389,163.06,0.8292,0.9412,\n";
}
