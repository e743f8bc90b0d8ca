using System.IO.Compression;

namespace Pipeline.Ingestion.Xlsx;

/// <summary>What <see cref="XlsxPackage.FirstSheet"/> finds.</summary>
/// <param name="Name">The first sheet's name.</param>
/// <param name="Part">The first sheet's part.</param>
/// <param name="OtherSheets">The names of the other sheets, in tab order.</param>
/// <param name="SharedStrings">The shared-strings part, if any.</param>
/// <param name="Styles">The styles part, if any (it says which cells are dates).</param>
/// <param name="Date1904">Whether serial numbers count days from 1904-01-01 instead of 1899-12-30.</param>
internal sealed record XlsxFirstSheet(
    string Name, ZipArchiveEntry Part, IReadOnlyList<string> OtherSheets, ZipArchiveEntry? SharedStrings, ZipArchiveEntry? Styles, bool Date1904);
