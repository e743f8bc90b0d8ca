namespace Pipeline.Ingestion.Containers;

/// <summary>The CRC-32 (IEEE 802.3, as zip uses) of bytes fed in pieces.</summary>
internal sealed class Crc32
{
    private static readonly uint[] Table = CreateTable();

    private uint _crc = 0xFFFF_FFFFu;

    /// <summary>The checksum of everything appended so far.</summary>
    public uint Value => ~_crc;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var crc = _crc;
        foreach (var value in bytes)
        {
            crc = Table[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        _crc = crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (var index = 0u; index < table.Length; index++)
        {
            var entry = index;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? 0xEDB8_8320u ^ (entry >> 1) : entry >> 1;
            }

            table[index] = entry;
        }

        return table;
    }
}
