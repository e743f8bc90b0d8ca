using System.Text;
using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests;

/// <summary>Runs <see cref="ExportParser"/> over fixtures, text or bytes, in the Europe/Amsterdam business time zone by default.</summary>
internal static class Parse
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");

    public static ExportParseOptions AmsterdamOptions => new(Amsterdam);

    public static async Task<ExportParseResult> FixtureAsync(string relativePath, ExportParseOptions? options = null)
    {
        await using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, relativePath));
        return await new ExportParser().ParseAsync(stream, Path.GetFileName(relativePath), options ?? AmsterdamOptions, CancellationToken.None);
    }

    public static Task<ExportParseResult> TextAsync(string csv, ExportParseOptions? options = null, string fileName = "export.csv") =>
        BytesAsync(Encoding.UTF8.GetBytes(csv), options, fileName);

    public static async Task<ExportParseResult> BytesAsync(byte[] content, ExportParseOptions? options = null, string fileName = "export.csv")
    {
        using var stream = new MemoryStream(content);
        return await new ExportParser().ParseAsync(stream, fileName, options ?? AmsterdamOptions, CancellationToken.None);
    }

    /// <summary>The UTC instant of a UTC wall-clock time, for readable expectations.</summary>
    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
