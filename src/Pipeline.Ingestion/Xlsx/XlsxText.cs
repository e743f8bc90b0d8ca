using System.Globalization;
using System.Text;
using System.Xml;

namespace Pipeline.Ingestion.Xlsx;

/// <summary>Text in SpreadsheetML: shared strings, inline and rich-text strings, and Excel's <c>_xHHHH_</c> escapes.</summary>
internal static class XlsxText
{
    /// <summary>The shared-strings table, in index order.</summary>
    public static List<string> ReadSharedStrings(XmlReader reader)
    {
        var strings = new List<string>();
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(ReadRichText(reader));
            }
            else
            {
                reader.Read();
            }
        }

        return strings;
    }

    /// <summary>
    /// The text of an <c>si</c> or <c>is</c> element: its <c>t</c> elements, also those of rich-text runs, without phonetic
    /// runs (<c>rPh</c>). Leaves the reader just after the element, as <see cref="XmlReader.ReadElementContentAsString()"/> does.
    /// </summary>
    public static string ReadRichText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var depth = reader.Depth;
        var text = new StringBuilder();
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.EOF)
            {
                throw new InvalidDataException("a string ends before its element does");
            }

            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh")
            {
                reader.Skip();
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t")
            {
                text.Append(reader.ReadElementContentAsString());
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
        return Unescape(text.ToString());
    }

    /// <summary>Decodes <c>_x000D_</c>-style escapes (Excel's way of writing characters XML cannot hold, and <c>_x005F_</c> for <c>_</c>).</summary>
    public static string Unescape(string text)
    {
        var start = text.IndexOf("_x", StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, start);
        for (var index = start; index < text.Length; index++)
        {
            if (index + 6 < text.Length && text[index] == '_' && text[index + 1] == 'x' && text[index + 6] == '_'
                && ushort.TryParse(text.AsSpan(index + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                index += 6;
            }
            else
            {
                builder.Append(text[index]);
            }
        }

        return builder.ToString();
    }
}
