using System.Text;

namespace Pipeline.Ingestion.Csv;

/// <summary>How to decode a file, and its first characters for sniffing the layout.</summary>
/// <param name="Encoding">The encoding to read the rest of the file with.</param>
/// <param name="PreambleLength">Bytes of byte-order mark to skip.</param>
/// <param name="Sample">The decoded start of the file (after the byte-order mark).</param>
/// <param name="Warning">A note for the report when a fallback encoding was chosen.</param>
internal sealed record SniffedText(Encoding Encoding, int PreambleLength, string Sample, string? Warning);
