using System.IO.Compression;
using System.Text;

namespace Pipeline.Testing;

/// <summary>Small files that expand to huge ones, generated while they are written (never held expanded, never committed).</summary>
public static class HostileExports
{
    private const string RevenueHeader = "customer_id,amount,currency,service_start,service_end,interval\n";

    /// <summary>A zip of one member, <c>revenue.csv</c>: a canonical header and <paramref name="rows"/> copies of one valid row.</summary>
    /// <remarks>Identical rows deflate about a thousandfold: 2,000,000 rows are 116 MB in a zip of about 0.2 MB.</remarks>
    public static byte[] ZipBombOfValidRows(int rows)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var member = archive.CreateEntry("revenue.csv", CompressionLevel.SmallestSize).Open();
            member.Write(Encoding.ASCII.GetBytes(RevenueHeader));
            var row = Encoding.ASCII.GetBytes("cus_0000001,49.00,EUR,2025-01-01,2025-02-01,month\n");
            var block = Enumerable.Repeat(row, 1_000).SelectMany(bytes => bytes).ToArray();
            for (var written = 0; written < rows; written += 1_000)
            {
                member.Write(block);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A workbook whose first sheet is a canonical revenue-lines header (inline strings) and one row whose customer id is
    /// shared string 0: <paramref name="characters"/> times <c>x</c>.
    /// </summary>
    public static byte[] XlsxWithHugeSharedString(long characters)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
            Add(archive, "_rels/.rels", $"<?xml version=\"1.0\"?><Relationships xmlns=\"{PackageRelationships}\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add(archive, "xl/workbook.xml", $"<?xml version=\"1.0\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\">" +
                "<sheets><sheet name=\"Revenue\" sheetId=\"1\" r:id=\"rId10\"/></sheets></workbook>");
            Add(archive, "xl/_rels/workbook.xml.rels", $"<?xml version=\"1.0\"?><Relationships xmlns=\"{PackageRelationships}\">" +
                $"<Relationship Id=\"rId10\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                $"<Relationship Id=\"rId2\" Type=\"{Relationships}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            var header = string.Concat(RevenueHeader.TrimEnd().Split(',').Select((name, index) =>
                $"<c r=\"{(char)('A' + index)}1\" t=\"inlineStr\"><is><t>{name}</t></is></c>"));
            Add(archive, "xl/worksheets/sheet1.xml", $"<?xml version=\"1.0\"?><worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\">{header}</row>" +
                "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\"><v>49</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>EUR</t></is></c>" +
                "<c r=\"D2\" t=\"inlineStr\"><is><t>2025-01-01</t></is></c><c r=\"F2\" t=\"inlineStr\"><is><t>month</t></is></c></row></sheetData></worksheet>");
            using var strings = archive.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Fastest).Open();
            strings.Write(Encoding.ASCII.GetBytes($"<?xml version=\"1.0\"?><sst xmlns=\"{Main}\" count=\"1\" uniqueCount=\"1\"><si><t>"));
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)'x');
            for (var written = 0L; written < characters; written += block.Length)
            {
                strings.Write(block, 0, (int)Math.Min(block.Length, characters - written));
            }

            strings.Write(Encoding.ASCII.GetBytes("</t></si></sst>"));
        }

        return buffer.ToArray();
    }

    /// <summary>The zip with the uncompressed size of its (only) member set to <paramref name="size"/> in the local header and the directory.</summary>
    public static byte[] WithDeclaredSize(byte[] zip, int size)
    {
        var patched = zip.ToArray();
        for (var offset = 0; offset + 4 <= patched.Length; offset++)
        {
            var signature = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(offset));
            var field = signature switch { 0x04034b50 => offset + 22, 0x02014b50 => offset + 24, _ => -1 };
            if (field > 0)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(field), (uint)size);
            }
        }

        return patched;
    }

    private static void Add(ZipArchive archive, string path, string xml)
    {
        using var stream = archive.CreateEntry(path).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }
}
