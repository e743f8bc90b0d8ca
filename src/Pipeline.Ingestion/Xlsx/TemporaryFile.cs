using Pipeline.Ingestion.Containers;

namespace Pipeline.Ingestion.Xlsx;

/// <summary>Scratch files for containers: deleted when closed, so a large workbook never has to sit in memory.</summary>
internal static class TemporaryFile
{
    private const int BufferBytes = 81_920;

    public static FileStream Create() =>
        new(Path.Combine(Path.GetTempPath(), string.Concat("pipeline-", Guid.NewGuid().ToString("N"), ".tmp")), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, BufferBytes, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Copies <paramref name="source"/> to a new temporary file, positioned at its start.</summary>
    /// <exception cref="InvalidDataException">When the source is longer than <paramref name="limit"/> bytes.</exception>
    public static async Task<FileStream> SpoolAsync(Stream source, long limit, string what, CancellationToken cancellationToken)
    {
        var file = Create();
        try
        {
            await using (var bounded = new BoundedReadStream(source, limit, what, leaveOpen: true))
            {
                await bounded.CopyToAsync(file, BufferBytes, cancellationToken);
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
