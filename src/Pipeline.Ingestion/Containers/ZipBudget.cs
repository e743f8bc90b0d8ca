using System.Globalization;
using System.IO.Compression;

namespace Pipeline.Ingestion.Containers;

/// <summary>What the members of one zip may inflate to, shared by every member read from it.</summary>
/// <remarks>
/// Three bounds, all counted while decompressing (a zip's directory is not trusted): <see cref="MaxMemberBytes"/> per
/// member, <see cref="ExportParseOptions.MaxUncompressedBytes"/> for all members together, and
/// <see cref="ExportParseOptions.MaxCompressionRatio"/> uncompressed bytes per compressed byte of a member once it is past
/// <see cref="RatioFreeBytes"/> (small files of repeated text compress very well and are harmless). A zip bomb of valid
/// rows is refused at the first bound it crosses, after at most that much work.
/// </remarks>
internal sealed class ZipBudget(ExportParseOptions options)
{
    /// <summary>The most bytes one member may inflate to.</summary>
    public const long MaxMemberBytes = 512L * 1024 * 1024;

    /// <summary>Bytes of a member the ratio does not apply to.</summary>
    public const long RatioFreeBytes = 1024 * 1024;

    private long _total;

    /// <summary>The member's content, decompressed and checked against the bounds and against its CRC-32 and size.</summary>
    public Stream Open(ZipArchiveEntry member) => new ZipMemberStream(member, this);

    /// <summary>Counts <paramref name="read"/> more bytes of <paramref name="member"/>, of which <paramref name="memberTotal"/> are read so far.</summary>
    /// <exception cref="ContainerLimitException">When a bound is crossed.</exception>
    public void Count(ZipArchiveEntry member, int read, long memberTotal)
    {
        _total += read;
        if (memberTotal > MaxMemberBytes)
        {
            throw TooLarge(string.Concat("Zip member ", member.FullName, " is larger than ", Describe(MaxMemberBytes),
                " uncompressed; at most that much is read per file. Split the export into smaller files."));
        }

        if (_total > options.MaxUncompressedBytes)
        {
            throw TooLarge(string.Concat("The zip's files are larger than ", Describe(options.MaxUncompressedBytes),
                " uncompressed together; split the export into smaller zips or raise Pipeline:MaxUncompressedBytes."));
        }

        if (memberTotal > RatioFreeBytes && memberTotal > (decimal)options.MaxCompressionRatio * Math.Max(member.CompressedLength, 1))
        {
            throw TooLarge(string.Create(CultureInfo.InvariantCulture,
                $"Zip member {member.FullName} expands more than {options.MaxCompressionRatio} times ({Describe(memberTotal)} so far from {Describe(member.CompressedLength)} compressed): a file that compresses this much is refused as a possible zip bomb. Unpack it and upload the CSV file, or raise Pipeline:MaxCompressionRatio."));
        }
    }

    public static string Describe(long bytes) => bytes < 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024d):0.#} MiB");

    private static ContainerLimitException TooLarge(string message) => new(message, RefusalCodes.TooLarge);
}
