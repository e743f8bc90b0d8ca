using System.IO.Compression;
using System.Text;
using System.Xml;
using Pipeline.Ingestion.Containers;

namespace Pipeline.Ingestion.Xlsx;

/// <summary>Reads the first sheet of an <c>.xlsx</c>/<c>.xlsm</c> workbook with the same rules as a CSV file (EXPORTS.md C1.8).</summary>
/// <remarks>
/// The sheet is written as CSV to a temporary file (as is a workbook that arrives on a stream that cannot seek, since a
/// zip is read from its end), so memory stays flat whatever the size. A broken package, a part over 512 MiB
/// uncompressed or a sheet over 1,048,576 rows makes the file <see cref="RefusalCodes.Unreadable"/>; a string over what an
/// Excel cell holds or too much shared text (<see cref="XlsxText"/>) makes it <see cref="RefusalCodes.TooLarge"/>; nothing throws.
/// </remarks>
internal static class XlsxExport
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static bool Reads(string extension) =>
        extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xlsm", StringComparison.OrdinalIgnoreCase);

    public static async Task<ExportParseResult> ParseAsync(
        Stream content, ExportParseOptions options, IReadOnlyList<IExportFormat> formats, ParseHandlers handlers,
        CancellationToken cancellationToken)
    {
        await using var csv = TemporaryFile.Create();
        FileStream? spooled = null;
        string? note;
        try
        {
            spooled = content.CanSeek ? null : await TemporaryFile.SpoolAsync(content, XlsxPackage.MaxPartBytes, "the workbook", cancellationToken);
            note = WriteFirstSheet(spooled ?? content, csv, cancellationToken);
        }
        catch (ContainerLimitException exception)
        {
            return ExportParseResult.Refused(exception.Message, format: null, [], exception.ReasonCode);
        }
        catch (Exception exception) when (exception is InvalidDataException or XmlException or NotSupportedException)
        {
            return ExportParseResult.Refused(string.Concat("The workbook cannot be read (", exception.Message.TrimEnd('.'),
                "). Open it in Excel and save it again as .xlsx, or save its first sheet as \"CSV UTF-8\" and upload that."), format: null, []);
        }
        finally
        {
            if (spooled is not null)
            {
                await spooled.DisposeAsync();
            }
        }

        csv.Position = 0;
        var result = await ExportParser.ParseDelimitedAsync(csv, options, formats, handlers, cancellationToken);
        return note is null ? result : result with { Warnings = [note, .. result.Warnings] };
    }

    /// <returns>A note naming the ignored sheets, or null when the workbook has one sheet.</returns>
    private static string? WriteFirstSheet(Stream workbook, Stream csv, CancellationToken cancellationToken)
    {
        using var archive = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
        var (name, part, others, sharedStringsPart, stylesPart, date1904) = new XlsxPackage(archive).FirstSheet();
        List<string> sharedStrings = [];
        if (sharedStringsPart is not null)
        {
            using var reader = XlsxPackage.Open(sharedStringsPart);
            sharedStrings = XlsxText.ReadSharedStrings(reader);
        }

        var dateStyles = XlsxDateStyles.None;
        if (stylesPart is not null)
        {
            using var reader = XlsxPackage.Open(stylesPart);
            dateStyles = XlsxDateStyles.Read(reader, date1904);
        }

        using (var sheet = XlsxPackage.Open(part))
        using (var writer = new StreamWriter(csv, Utf8, bufferSize: 65_536, leaveOpen: true))
        {
            XlsxSheetCsvWriter.Write(sheet, sharedStrings, dateStyles, writer, cancellationToken);
        }

        return others.Count == 0
            ? null
            : string.Concat("Read the first sheet of the workbook, '", name, "'; its other sheets were ignored: ", string.Join(", ", others), ".");
    }
}
