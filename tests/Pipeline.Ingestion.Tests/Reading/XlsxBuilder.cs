using System.IO.Compression;
using System.Security;
using System.Text;

namespace Pipeline.Ingestion.Tests.Reading;

/// <summary>Writes small <c>.xlsx</c> packages in code: the parts Excel writes, with the cell XML given per sheet.</summary>
internal static class XlsxBuilder
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A workbook with the given sheets (name, <c>sheetData</c> inner XML) and shared strings.</summary>
    /// <param name="sheets">The sheets, first sheet first.</param>
    /// <param name="sharedStrings">The shared-strings table.</param>
    /// <param name="extraSheetXml">XML after the first sheet's <c>sheetData</c>, such as merged cells.</param>
    /// <param name="styles">The inner XML of <c>xl/styles.xml</c> (see <see cref="Styles"/>), or null for no styles part.</param>
    /// <param name="date1904">Whether the workbook uses the 1904 date system.</param>
    public static byte[] Build(IReadOnlyList<(string Name, string Rows)> sheets, IReadOnlyList<string> sharedStrings, string? extraSheetXml = null,
        string? styles = null, bool date1904 = false)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
            Add(zip, "_rels/.rels", $"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            var sheetList = new StringBuilder();
            var rels = new StringBuilder($"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            for (var index = 0; index < sheets.Count; index++)
            {
                // Parts numbered backwards, so the first sheet is found through the relationships, not by its part name.
                var part = sheets.Count - index;
                sheetList.Append($"<sheet name=\"{SecurityElement.Escape(sheets[index].Name)}\" sheetId=\"{index + 1}\" r:id=\"rId{index + 10}\"/>");
                rels.Append($"<Relationship Id=\"rId{index + 10}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{part}.xml\"/>");
                Add(zip, $"xl/worksheets/sheet{part}.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"{Main}\" " +
                    $"xmlns:r=\"{Relationships}\"><sheetData>{sheets[index].Rows}</sheetData>{(index == 0 ? extraSheetXml : null)}</worksheet>");
            }

            if (styles is not null)
            {
                rels.Append($"<Relationship Id=\"rId3\" Type=\"{Relationships}/styles\" Target=\"styles.xml\"/>");
                Add(zip, "xl/styles.xml", $"<?xml version=\"1.0\"?><styleSheet xmlns=\"{Main}\">{styles}</styleSheet>");
            }

            rels.Append($"<Relationship Id=\"rId2\" Type=\"{Relationships}/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/></Relationships>");
            var workbookPr = date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr defaultThemeVersion=\"166925\"/>";
            Add(zip, "xl/workbook.xml", $"<?xml version=\"1.0\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\">{workbookPr}<sheets>{sheetList}</sheets></workbook>");
            Add(zip, "xl/_rels/workbook.xml.rels", rels.ToString());
            Add(zip, "xl/sharedStrings.xml", $"<?xml version=\"1.0\"?><sst xmlns=\"{Main}\" count=\"{sharedStrings.Count}\">" +
                string.Concat(sharedStrings.Select(text => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></si>")) + "</sst>");
        }

        return buffer.ToArray();
    }

    /// <summary>A row of cells given as (reference, type or null, value XML).</summary>
    public static string Row(int number, params (string Reference, string? Type, string Value)[] cells) =>
        $"<row r=\"{number}\">" + string.Concat(cells.Select(cell => cell.Type switch
        {
            "inlineStr" => $"<c r=\"{cell.Reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(cell.Value)}</t></is></c>",
            null => $"<c r=\"{cell.Reference}\"><v>{cell.Value}</v></c>",
            _ => $"<c r=\"{cell.Reference}\" t=\"{cell.Type}\"><v>{SecurityElement.Escape(cell.Value)}</v></c>",
        })) + "</row>";

    /// <summary>
    /// The inner XML of a styles part: custom number formats (id, code) and the cell styles' <c>numFmtId</c>s, in index
    /// order, after a cell-style <c>xf</c> that must not count as a cell format.
    /// </summary>
    public static string Styles(IReadOnlyList<(int Id, string Code)> numberFormats, params int[] cellFormats) =>
        (numberFormats.Count == 0 ? string.Empty : $"<numFmts count=\"{numberFormats.Count}\">" + string.Concat(numberFormats.Select(format =>
            $"<numFmt numFmtId=\"{format.Id}\" formatCode=\"{SecurityElement.Escape(format.Code)}\"/>")) + "</numFmts>")
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\" fontId=\"0\"/></cellStyleXfs>"
        + $"<cellXfs count=\"{cellFormats.Length}\">" + string.Concat(cellFormats.Select(id => $"<xf numFmtId=\"{id}\" xfId=\"0\" applyNumberFormat=\"1\"/>"))
        + "</cellXfs>";

    /// <summary>A row of cells given as (reference, type or null for a number, style index, value XML).</summary>
    public static string StyledRow(int number, params (string Reference, string? Type, int Style, string Value)[] cells) =>
        $"<row r=\"{number}\">" + string.Concat(cells.Select(cell => cell.Type switch
        {
            "inlineStr" => $"<c r=\"{cell.Reference}\" s=\"{cell.Style}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(cell.Value)}</t></is></c>",
            null => $"<c r=\"{cell.Reference}\" s=\"{cell.Style}\"><v>{cell.Value}</v></c>",
            _ => $"<c r=\"{cell.Reference}\" s=\"{cell.Style}\" t=\"{cell.Type}\"><v>{SecurityElement.Escape(cell.Value)}</v></c>",
        })) + "</row>";

    private static void Add(ZipArchive zip, string path, string xml)
    {
        var entry = zip.CreateEntry(path);
        using var stream = entry.Open();
        var bytes = Encoding.UTF8.GetBytes(xml);
        stream.Write(bytes);
    }
}
