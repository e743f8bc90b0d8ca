namespace Pipeline.Domain;

/// <summary>Keeps the newest version of every invoice line: a later file that carries a line again replaces it.</summary>
/// <remarks>
/// <para>
/// METRICS.md §1, Corrections. A line is identified by its source and its <see cref="RevenueLine.LineKey"/> (the line
/// id in the source, else the hash of the row). The source is the format its file was read as
/// (<see cref="ReceivedLines.Source"/>): every invoice-line format belongs to one billing system, so lines of the same
/// system with the same id supersede each other, while an id from one format never retracts a line of another format
/// that happens to use the same id (canonical <c>line_id</c> 1001 and a register's row 1001). All of a tenant's
/// canonical files are one source: their <c>line_id</c> must be unique across them, as across a system's exports.
/// </para>
/// <para>
/// The newest version counts: files are taken in the order they were received, and within one file a repeated id
/// keeps its later row. The version that counts stays where its own file put it, so source order (the last
/// tie-breaker of the supersede rule) follows the newest data; every earlier version is dropped. A voided invoice
/// sent again, a corrected amount or a corrected period therefore replaces the line instead of adding to it.
/// </para>
/// <para>
/// Snapshot lines (<see cref="LineOrigin.SubscriptionSnapshot"/>) pass through untouched: their key is the
/// subscription id, repeated by design in every snapshot, and <see cref="SnapshotHistory"/> chains their versions.
/// </para>
/// <para>
/// Memory: one dictionary entry per invoice line, from its identity to the position of its newest version, and the
/// result list; the lines themselves are the same instances, never copied.
/// </para>
/// </remarks>
public static class LineCorrections
{
    /// <summary>Every file's lines in order, each invoice line only in its newest version.</summary>
    /// <param name="files">The tenant's files in the order they were received.</param>
    public static IReadOnlyList<RevenueLine> Apply(IReadOnlyList<ReceivedLines> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var total = files.Sum(file => file.Lines.Count);
        var newest = new Dictionary<(string Source, string LineKey), int>(total);
        var position = 0;
        var corrected = 0;
        foreach (var file in files)
        {
            foreach (var line in file.Lines)
            {
                if (IsCorrectable(line))
                {
                    corrected++;
                    newest[(file.Source, line.LineKey)] = position;
                }

                position++;
            }
        }

        var result = new List<RevenueLine>(total - corrected + newest.Count);
        position = 0;
        foreach (var file in files)
        {
            foreach (var line in file.Lines)
            {
                if (!IsCorrectable(line) || corrected == newest.Count || newest[(file.Source, line.LineKey)] == position)
                {
                    result.Add(line);
                }

                position++;
            }
        }

        return result;
    }

    private static bool IsCorrectable(RevenueLine line) => line.Origin == LineOrigin.InvoiceLine;
}
