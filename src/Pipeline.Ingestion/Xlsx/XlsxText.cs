using System.Globalization;
using System.Text;
using System.Xml;
using Pipeline.Ingestion.Containers;

namespace Pipeline.Ingestion.Xlsx;

/// <summary>Text in SpreadsheetML: shared strings, inline and rich-text strings, and Excel's <c>_xHHHH_</c> escapes.</summary>
/// <remarks>
/// Bounded, because a workbook of a few hundred kilobytes can hold a string of hundreds of megabytes: text is read in
/// chunks, and a string longer than <see cref="MaxCellChars"/> (what an Excel cell holds) or a shared-strings table over
/// <see cref="MaxSharedStringChars"/> makes the file <see cref="RefusalCodes.TooLarge"/> as soon as the bound is crossed.
/// </remarks>
internal static class XlsxText
{
    /// <summary>The most characters one string may have: the most an Excel cell holds.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>The most characters the shared-strings table may hold, counting each string as 16 more for its keeping.</summary>
    public const long MaxSharedStringChars = 64L * 1024 * 1024;

    private const int PerStringChars = 16;

    /// <summary>The shared-strings table, in index order.</summary>
    /// <exception cref="ContainerLimitException">When a string or the table is over its bound.</exception>
    public static List<string> ReadSharedStrings(XmlReader reader)
    {
        var strings = new List<string>();
        var total = 0L;
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                var text = ReadRichText(reader);
                strings.Add(text);
                total += text.Length + PerStringChars;
                if (total > MaxSharedStringChars)
                {
                    throw new ContainerLimitException(string.Create(CultureInfo.InvariantCulture,
                        $"Too much text: the workbook's shared strings come to more than {MaxSharedStringChars:N0} characters (at string {strings.Count:N0}), the most one workbook's are read. Save its first sheet as \"CSV UTF-8\" and upload that instead."),
                        RefusalCodes.TooLarge);
                }
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
                ReadContent(reader, text);
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
        return Unescape(text.ToString());
    }

    /// <summary>The text content of the element the reader is on, at most <see cref="MaxCellChars"/> characters; leaves the reader after it.</summary>
    /// <exception cref="ContainerLimitException">When the text is longer.</exception>
    public static string ReadContent(XmlReader reader)
    {
        var text = new StringBuilder();
        ReadContent(reader, text);
        return text.ToString();
    }

    /// <summary>Appends the element's text to <paramref name="text"/> in chunks, failing as soon as it passes <see cref="MaxCellChars"/>.</summary>
    private static void ReadContent(XmlReader reader, StringBuilder text)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        var buffer = new char[4096];
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.EOF)
            {
                throw new InvalidDataException("a text ends before its element does");
            }

            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace
                && reader.CanReadValueChunk)
            {
                int read;
                while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                {
                    text.Append(buffer, 0, read);
                    CheckLength(text);
                }
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
                CheckLength(text);
            }

            reader.Read();
        }

        reader.Read();
    }

    private static void CheckLength(StringBuilder text)
    {
        if (text.Length > MaxCellChars)
        {
            throw new ContainerLimitException(string.Create(CultureInfo.InvariantCulture,
                $"Cell too long: a string in the workbook is longer than {MaxCellChars:N0} characters, the most an Excel cell holds, so the workbook was not saved by Excel as it is. Open it in Excel and save it again, or save its first sheet as \"CSV UTF-8\" and upload that."),
                RefusalCodes.TooLarge);
        }
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
