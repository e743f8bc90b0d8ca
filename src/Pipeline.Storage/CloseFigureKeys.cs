using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary>The keys of the <c>CloseFigures</c> table: what is stored per close version at its first read.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Partition <c>{tenant}|valueSegment</c>: row <c>yyyy-MM|v000001</c> marks a version whose value segment rows are all
/// written, rows <c>yyyy-MM|v000001|{segment}</c> hold them.</item>
/// <item>Partition <c>{tenant}|clv</c>: row <c>yyyy-MM|v000001|{kind}|{by}</c> (kind <c>clv</c> or <c>forecast</c>, by
/// <c>all</c> without a dimension) marks a complete set, rows <c>…|{segment}|{period:D3}</c> hold one group each.</item>
/// </list>
/// Texts are escaped by <see cref="RowKeyText"/>; a long one is cut and followed by <c>~~</c> and its SHA-256, so keys
/// stay under 1 KiB and distinct. Every row of a month sorts from <c>yyyy-MM</c> to <see cref="AfterMonth"/>, because
/// <c>|</c> follows all digits.
/// </remarks>
internal static class CloseFigureKeys
{
    /// <summary>The longest escaped text kept whole in a key.</summary>
    public const int MaxTextLength = 120;

    public static string ValueSegmentPartition(TenantId tenant) => tenant.Value + "|valueSegment";

    public static string ClvPartition(TenantId tenant) => tenant.Value + "|clv";

    /// <summary>The version's marker row; its rows follow it with <c>|</c>.</summary>
    public static string Version(BillingMonth month, int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{month}|v{version:D6}");
    }

    public static string ValueSegment(BillingMonth month, int version, string segment) =>
        string.Concat(Version(month, version), "|", Text(segment));

    /// <summary>The marker of one set of CLV groups: <paramref name="kind"/> of <paramref name="dimension"/> (null: <c>all</c>).</summary>
    public static string ClvSet(BillingMonth month, int version, string kind, string? dimension) =>
        string.Concat(Version(month, version), "|", kind, "|", Text(dimension ?? "all"));

    public static string ClvGroup(BillingMonth month, int version, string kind, string? dimension, string segment, int periodMonths) =>
        string.Create(CultureInfo.InvariantCulture, $"{ClvSet(month, version, kind, dimension)}|{Text(segment)}|{periodMonths:D3}");

    /// <summary>The exclusive upper bound of every row of <paramref name="month"/>.</summary>
    public static string AfterMonth(BillingMonth month) => month.FirstDay.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The month and version of a row key.</summary>
    public static (BillingMonth Month, int Version) MonthAndVersion(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var parts = rowKey.Split('|');
        return (BillingMonth.Parse(parts[0]), int.Parse(parts[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture));
    }

    /// <summary>Whether the row key is a version's marker (<c>yyyy-MM|v000001</c>).</summary>
    public static bool IsVersionMarker(string rowKey) => rowKey.Count(character => character == '|') == 1;

    private static string Text(string text)
    {
        var encoded = RowKeyText.Encode(text);
        return encoded.Length <= MaxTextLength
            ? encoded
            : string.Concat(encoded.AsSpan(0, MaxTextLength), "~~", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }
}
