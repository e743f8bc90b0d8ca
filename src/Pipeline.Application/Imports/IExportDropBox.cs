namespace Pipeline.Application.Imports;

/// <summary>Puts a file into <c>exports</c> the way finance would (ops tooling and the demo), never over an existing blob.</summary>
/// <remarks>The pipeline itself never writes to <c>exports</c>; this is the hand of the person dropping the file.</remarks>
public interface IExportDropBox
{
    /// <summary>Uploads <paramref name="content"/> as <paramref name="name"/>; false when a blob of that name exists already.</summary>
    Task<bool> DropAsync(string name, Stream content, CancellationToken cancellationToken);
}
