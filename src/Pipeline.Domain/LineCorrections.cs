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
/// The rule is applied by <see cref="LedgerAssembly"/> as the ledger is read: it keeps a 128-bit <see cref="Identity"/>
/// per invoice line instead of the line's key, and drops every version but the newest once all files are read.
/// </para>
/// </remarks>
public static class LineCorrections
{
    /// <summary>Whether a later version of <paramref name="line"/> replaces it: invoice lines are, snapshot lines are chained instead.</summary>
    public static bool IsCorrectable(RevenueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Origin == LineOrigin.InvoiceLine;
    }

    /// <summary>A 128-bit hash of a line's identity (its file's source and its line key), for ledgers that do not keep the keys.</summary>
    /// <remarks>
    /// The sum (modulo 2¹²⁸) of <see cref="KeyIdentity"/> and <see cref="SourceIdentity"/>, so that the lines of a file
    /// can be identified while it is read and the source added once the file's format is known
    /// (<see cref="LedgerAssembly.NameSource"/>). Two lines of one source share an identity only when their keys' XxHash128
    /// values are equal; lines of different sources only when the differences of their hashes cancel: for n lines the
    /// chance of any such pair is about n²/2¹²⁹, below 10⁻²¹ for a billion lines.
    /// </remarks>
    public static UInt128 Identity(string source, RevenueLine line) => unchecked(KeyIdentity(line) + SourceIdentity(source));

    /// <summary>The part of <see cref="Identity"/> that depends on the line's key alone: XxHash128 of its characters.</summary>
    public static UInt128 KeyIdentity(RevenueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return System.IO.Hashing.XxHash128.HashToUInt128(System.Runtime.InteropServices.MemoryMarshal.AsBytes(line.LineKey.AsSpan()));
    }

    /// <summary>The part of <see cref="Identity"/> that depends on the source alone: XxHash128 of its characters and a separator.</summary>
    public static UInt128 SourceIdentity(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var hash = new System.IO.Hashing.XxHash128();
        hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(source.AsSpan()));
        hash.Append([0, 0]);
        return hash.GetCurrentHashAsUInt128();
    }
}
