using System.Globalization;
using System.Text;

namespace Pipeline.Ingestion.Csv;

/// <summary>Decides a file's encoding from its first bytes: byte-order mark, then strict UTF-8, then Windows-1252.</summary>
/// <remarks>
/// Excel on Windows saves "CSV" as Windows-1252, where <c>€</c> is byte 0x80 and <c>é</c> 0xE9: bytes that are never
/// valid UTF-8. When the sample is valid UTF-8 (with or without a BOM), the rest of the file is read with
/// <see cref="Utf8ThenWindows1252Encoding"/>, so a first invalid byte after the sample switches to Windows-1252 there
/// (and is reported) instead of silently becoming a replacement character or needing a second pass over the stream.
/// </remarks>
internal static class TextEncodingSniffer
{
    public const string Windows1252Warning =
        "The file is not valid UTF-8, so it was read as Windows-1252 (what Excel on Windows saves as \"CSV\"). " +
        "Save it as \"CSV UTF-8\" to be sure names with accents and € signs come through as written.";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SniffedText Sniff(ReadOnlySpan<byte> prefix, bool isComplete)
    {
        var (bomEncoding, preambleLength) = ByteOrderMark(prefix);
        var body = prefix[preambleLength..];
        if (bomEncoding is not null)
        {
            return Decode(bomEncoding, bomEncoding, preambleLength, body, isComplete, warning: null);
        }

        if (Utf16WithoutBom(body) is { } utf16)
        {
            var order = utf16.CodePage == 1201 ? "BE" : "LE";
            return Decode(utf16, utf16, preambleLength, body, isComplete, string.Concat("The file has no byte-order mark, but every other byte ",
                "is zero as in UTF-16 ", order, " text, so it was read as UTF-16 ", order, ". Save it as \"CSV UTF-8\" to be sure it is read as written."));
        }

        try
        {
            return Decode(StrictUtf8, new Utf8ThenWindows1252Encoding(Windows1252), preambleLength, body, isComplete, warning: null);
        }
        catch (DecoderFallbackException)
        {
            return Decode(Windows1252, Windows1252, preambleLength, body, isComplete, Windows1252Warning);
        }
    }

    /// <summary>The note when <see cref="Utf8ThenWindows1252Encoding"/> switched after the sample, or null.</summary>
    public static string? LateFallbackWarning(SniffedText sniffed) =>
        sniffed.Encoding is Utf8ThenWindows1252Encoding { FallbackOffset: { } offset }
            ? string.Create(CultureInfo.InvariantCulture,
                $"The file is not valid UTF-8 after its first {offset + sniffed.PreambleLength:N0} bytes, so from there it was read as Windows-1252 (what Excel on Windows saves as \"CSV\"). Save it as \"CSV UTF-8\" to be sure names with accents and € signs come through as written.")
            : null;

    private static Encoding Windows1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Code page 1252 is not available.");

    /// <summary>UTF-16 text without a byte-order mark, recognised by its zero bytes; null when the sample does not look like it.</summary>
    /// <remarks>
    /// Text that is mostly ASCII (headers, ids, numbers, dates) has a zero in every other byte in UTF-16: at odd offsets in
    /// little-endian, at even offsets in big-endian. Read as UTF-8 instead, every such zero would become a NUL in the
    /// column names and values.
    /// </remarks>
    private static UnicodeEncoding? Utf16WithoutBom(ReadOnlySpan<byte> body)
    {
        var sample = body[..(Math.Min(body.Length, 4096) & ~1)];
        if (sample.Length < 4)
        {
            return null;
        }

        var (evenZeros, oddZeros) = (0, 0);
        for (var index = 0; index < sample.Length; index += 2)
        {
            evenZeros += sample[index] == 0 ? 1 : 0;
            oddZeros += sample[index + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        return (oddZeros * 2 > pairs && evenZeros * 10 < pairs) ? new UnicodeEncoding(bigEndian: false, byteOrderMark: false)
            : (evenZeros * 2 > pairs && oddZeros * 10 < pairs) ? new UnicodeEncoding(bigEndian: true, byteOrderMark: false)
            : null;
    }

    /// <summary>A UTF-8 BOM means UTF-8 (null here: decided like a file without one); UTF-16 BOMs name their byte order.</summary>
    private static (Encoding? Encoding, int Length) ByteOrderMark(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (null, 3);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }

        return (null, 0);
    }

    /// <summary>Decodes the sample with <paramref name="sampleEncoding"/>; the rest of the file is read with <paramref name="fileEncoding"/>.</summary>
    private static SniffedText Decode(
        Encoding sampleEncoding, Encoding fileEncoding, int preambleLength, ReadOnlySpan<byte> body, bool isComplete, string? warning)
    {
        var decoder = sampleEncoding.GetDecoder();
        var chars = new char[decoder.GetCharCount(body, flush: isComplete)];
        var count = decoder.GetChars(body, chars, flush: isComplete);
        return new SniffedText(fileEncoding, preambleLength, new string(chars, 0, count), warning);
    }
}
