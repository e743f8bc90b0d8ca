using System.Text;

namespace Pipeline.Ingestion.Csv;

/// <summary>Decides a file's encoding from its first bytes: byte-order mark, then strict UTF-8, then Windows-1252.</summary>
/// <remarks>
/// Excel on Windows saves "CSV" as Windows-1252, where <c>€</c> is byte 0x80 and <c>é</c> 0xE9: bytes that are never
/// valid UTF-8. Strict UTF-8 is kept for the rest of the file, so a bad byte after the sample still surfaces
/// (as a <see cref="DecoderFallbackException"/>) instead of silently becoming a replacement character.
/// </remarks>
internal static class TextEncodingSniffer
{
    public const string Windows1252Warning =
        "The file is not valid UTF-8, so it was read as Windows-1252 (what Excel on Windows saves as \"CSV\"). " +
        "Save it as \"CSV UTF-8\" to be sure names with accents and € signs come through as written.";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SniffedText Sniff(ReadOnlySpan<byte> prefix, bool isComplete, bool forceWindows1252)
    {
        var (bomEncoding, preambleLength) = ByteOrderMark(prefix);
        var body = prefix[preambleLength..];
        if (forceWindows1252)
        {
            return Decode(Windows1252, preambleLength, body, isComplete, Windows1252Warning);
        }

        if (bomEncoding is not null)
        {
            return Decode(bomEncoding, preambleLength, body, isComplete, warning: null);
        }

        try
        {
            return Decode(StrictUtf8, preambleLength, body, isComplete, warning: null);
        }
        catch (DecoderFallbackException)
        {
            return Decode(Windows1252, preambleLength, body, isComplete, Windows1252Warning);
        }
    }

    private static Encoding Windows1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Code page 1252 is not available.");

    private static (Encoding? Encoding, int Length) ByteOrderMark(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (StrictUtf8, 3);
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

    private static SniffedText Decode(Encoding encoding, int preambleLength, ReadOnlySpan<byte> body, bool isComplete, string? warning)
    {
        var decoder = encoding.GetDecoder();
        var chars = new char[decoder.GetCharCount(body, flush: isComplete)];
        var count = decoder.GetChars(body, chars, flush: isComplete);
        return new SniffedText(encoding, preambleLength, new string(chars, 0, count), warning);
    }
}
