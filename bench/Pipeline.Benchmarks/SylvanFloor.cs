using System.Text;

namespace Pipeline.Benchmarks;

/// <summary>The floor every parse builds on: a <see cref="StreamReader"/> and Sylvan alone, reading every field of a file and keeping nothing.</summary>
internal static class SylvanFloor
{
    /// <summary>Reads every record of the file at <paramref name="path"/>; returns the records (header included) and the trimmed field characters.</summary>
    public static async Task<(long Rows, long Characters)> ReadAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 64 * 1024);
        await using var csv = await Sylvan.Data.Csv.CsvDataReader.CreateAsync(text, new Sylvan.Data.Csv.CsvDataReaderOptions { MaxBufferSize = 1 << 20 });
        var (rows, characters) = (0L, 0L);
        while (await csv.ReadAsync())
        {
            rows++;
            for (var ordinal = 0; ordinal < csv.RowFieldCount; ordinal++)
            {
                characters += csv.GetFieldSpan(ordinal).Trim().Length;
            }
        }

        return (rows, characters);
    }
}
