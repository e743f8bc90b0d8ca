using System.IO.Compression;
using System.Xml;
using Pipeline.Ingestion.Containers;

namespace Pipeline.Ingestion.Xlsx;

/// <summary>The parts of an <c>.xlsx</c> package needed to read its first sheet, found through the package relationships.</summary>
/// <remarks>
/// <c>_rels/.rels</c> names the workbook, the workbook lists its sheets in tab order, and the workbook's relationships
/// give each sheet's part and the shared strings. Elements and attributes are matched by local name, so both the
/// transitional and the strict OOXML namespaces (and prefixed writers) are read. Every part is read through a
/// bounded stream: a part over <see cref="MaxPartBytes"/> uncompressed makes the package unreadable.
/// </remarks>
internal sealed class XlsxPackage(ZipArchive archive)
{
    public const long MaxPartBytes = 512L * 1024 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>The first sheet's name and part, the names of the other sheets, the shared-strings and styles parts if any, and the date system.</summary>
    /// <exception cref="InvalidDataException">When a part is missing or too large.</exception>
    /// <exception cref="XmlException">When a part is not well-formed XML.</exception>
    public XlsxFirstSheet FirstSheet()
    {
        var workbookPath = Relationships("_rels/.rels", string.Empty)
            .FirstOrDefault(relationship => relationship.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target ?? "xl/workbook.xml";
        var workbook = Entry(workbookPath) ?? throw new InvalidDataException("it has no workbook part");
        var directory = Path.GetDirectoryName(workbookPath)?.Replace('\\', '/') ?? string.Empty;
        var relationships = Relationships(string.Concat(directory, "/_rels/", Path.GetFileName(workbookPath), ".rels"), directory);
        var (sheets, date1904) = Sheets(workbook);
        if (sheets.Count == 0)
        {
            throw new InvalidDataException("the workbook has no sheets");
        }

        var target = relationships.FirstOrDefault(relationship => relationship.Id == sheets[0].RelationshipId).Target
            ?? throw new InvalidDataException(string.Concat("the part of sheet '", sheets[0].Name, "' is not listed"));
        var part = Entry(target) ?? throw new InvalidDataException(string.Concat("the part of sheet '", sheets[0].Name, "' is missing"));
        return new XlsxFirstSheet(sheets[0].Name, part, sheets.Skip(1).Select(sheet => sheet.Name).ToList(),
            Related(relationships, "/sharedStrings"), Related(relationships, "/styles"), date1904);
    }

    /// <summary>A reader over one part, bounded to <see cref="MaxPartBytes"/> inflated bytes.</summary>
    public static XmlReader Open(ZipArchiveEntry part)
    {
        if (part.Length > MaxPartBytes)
        {
            throw new InvalidDataException(string.Concat("part ", part.FullName, " is larger than 512 MiB"));
        }

        return XmlReader.Create(new BoundedReadStream(part.Open(), MaxPartBytes, string.Concat("part ", part.FullName), leaveOpen: false), Settings);
    }

    private ZipArchiveEntry? Related(List<(string Id, string Type, string? Target)> relationships, string typeEnding) =>
        relationships.FirstOrDefault(relationship => relationship.Type.EndsWith(typeEnding, StringComparison.Ordinal)).Target is { } target
            ? Entry(target)
            : null;

    private ZipArchiveEntry? Entry(string path) =>
        archive.GetEntry(path) ?? archive.Entries.FirstOrDefault(entry => entry.FullName.Equals(path, StringComparison.OrdinalIgnoreCase));

    /// <summary>The sheets in tab order, and whether the workbook uses the 1904 date system (<c>workbookPr date1904</c>).</summary>
    private static (List<(string Name, string RelationshipId)> Sheets, bool Date1904) Sheets(ZipArchiveEntry workbook)
    {
        var sheets = new List<(string Name, string RelationshipId)>();
        var date1904 = false;
        using var reader = Open(workbook);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
            {
                sheets.Add((reader.GetAttribute("name") ?? string.Empty, RelationshipId(reader)));
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "workbookPr")
            {
                date1904 = reader.GetAttribute("date1904") is "1" or "true";
            }
        }

        return (sheets, date1904);
    }

    /// <summary>The <c>r:id</c> attribute, whatever its prefix (transitional or strict relationships namespace).</summary>
    private static string RelationshipId(XmlReader reader)
    {
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            if (reader.LocalName == "id" && reader.NamespaceURI.Length > 0)
            {
                var id = reader.Value;
                reader.MoveToElement();
                return id;
            }
        }

        reader.MoveToElement();
        return string.Empty;
    }

    /// <summary>The relationships in a <c>.rels</c> part (none when it is absent), with targets resolved to package paths.</summary>
    private List<(string Id, string Type, string? Target)> Relationships(string path, string directory)
    {
        var relationships = new List<(string Id, string Type, string? Target)>();
        var part = Entry(path);
        if (part is null)
        {
            return relationships;
        }

        using var reader = Open(part);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("TargetMode") is not "External" && reader.GetAttribute("Target") is { } target)
            {
                relationships.Add((reader.GetAttribute("Id") ?? string.Empty, reader.GetAttribute("Type") ?? string.Empty, Resolve(directory, target)));
            }
        }

        return relationships;
    }

    /// <summary>A target relative to <paramref name="directory"/> (or absolute from the package root) as an entry path.</summary>
    private static string Resolve(string directory, string target)
    {
        var segments = new List<string>();
        var path = target.StartsWith('/') ? target[1..] : directory.Length == 0 ? target : string.Concat(directory, "/", target);
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }
}
