using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary>The row keys of the <c>KpiSnapshots</c> table, one partition per tenant.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>yyyy-MM</c>: the month's headline row.</item>
/// <item><c>yyyy-MM|dimension=value</c>: a segment row; dimension and value are escaped by <see cref="RowKeyText"/>.</item>
/// <item><c>yyyy-MM|cohort=yyyy-MM</c>: a cohort cell seen at that month end (<c>cohort</c> is reserved as a dimension).</item>
/// <item><c>yyyy-MM|v000001</c>: the headline row of one closed version of the month (no <c>=</c>: neither a segment nor a cohort key).</item>
/// </list>
/// Every row of a month sorts from <see cref="Month"/> (inclusive) to <see cref="AfterMonth"/> (exclusive), whatever
/// its dimension and value, because <c>|</c> follows all digits and the next month differs before it.
/// </remarks>
internal static class SnapshotRowKeys
{
    public const string CohortDimension = "cohort";

    public static string Month(BillingMonth month) => month.ToString();

    /// <summary>The next month's headline key: the exclusive upper bound of every row of <paramref name="month"/>.</summary>
    /// <remarks>Computed from the date so that December 9998 (the last <see cref="BillingMonth"/>) has a bound too.</remarks>
    public static string AfterMonth(BillingMonth month) =>
        month.FirstDay.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Version(BillingMonth month, int version) => CloseRowKeys.Version(month, version);

    /// <summary>Whether the key is a closed version's headline row.</summary>
    public static bool IsVersion(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var bar = rowKey.IndexOf('|', StringComparison.Ordinal);
        return bar >= 0 && rowKey.Length > bar + 2 && rowKey[bar + 1] == 'v' && !rowKey.Contains('=', StringComparison.Ordinal);
    }

    /// <summary>The longest escaped segment value kept whole in a key; longer ones are cut and suffixed with their hash.</summary>
    public const int MaxKeyValueLength = 200;

    /// <remarks>
    /// A row key is at most 1 KiB (512 characters of UTF-16), so a long label (a plan or channel name of 600
    /// characters) cannot be the key itself: its escaped form is cut to <see cref="MaxKeyValueLength"/> characters and
    /// followed by <c>~~</c> and the SHA-256 of the whole label, which keeps distinct labels apart. The row's
    /// <c>Value</c> column keeps the label as it is; readers never decode it from the key.
    /// </remarks>
    public static string Segment(BillingMonth month, string dimension, string value) =>
        string.Concat(month.ToString(), "|", RowKeyText.Encode(ValidateDimension(dimension)), "=", KeyValue(value));

    private static string KeyValue(string value)
    {
        var encoded = RowKeyText.Encode(value);
        if (encoded.Length <= MaxKeyValueLength)
        {
            return encoded;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return string.Concat(encoded.AsSpan(0, MaxKeyValueLength), "~~", hash);
    }

    public static string Cohort(BillingMonth month, BillingMonth cohort) =>
        string.Concat(month.ToString(), "|", CohortDimension, "=", cohort.ToString());

    /// <summary>The decoded dimension of a segment or cohort key; null for a headline key or any other shape.</summary>
    public static string? Dimension(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var bar = rowKey.IndexOf('|', StringComparison.Ordinal);
        var equals = bar < 0 ? -1 : rowKey.IndexOf('=', bar + 1);
        return equals < 0 ? null : RowKeyText.Decode(rowKey[(bar + 1)..equals]);
    }

    public static bool IsSegment(string rowKey) => Dimension(rowKey) is { } dimension && !IsCohortDimension(dimension);

    public static bool IsCohort(string rowKey) => Dimension(rowKey) is { } dimension && IsCohortDimension(dimension);

    /// <summary>Whether <paramref name="dimension"/> names the cohort cells rather than a segment dimension.</summary>
    public static bool IsCohortDimension(string dimension) => string.Equals(dimension, CohortDimension, StringComparison.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="dimension"/> can name segment rows.</summary>
    /// <remarks><c>=</c> and <c>|</c> separate the key's parts, so a dimension may not contain them; values may.</remarks>
    public static string ValidateDimension(string dimension)
    {
        ArgumentException.ThrowIfNullOrEmpty(dimension);
        if (dimension.AsSpan().IndexOfAny('=', '|') >= 0 || IsCohortDimension(dimension))
        {
            throw new ArgumentException(
                $"A segment dimension may not contain '=' or '|' nor be '{CohortDimension}' (reserved for cohort cells); got '{dimension}'.",
                nameof(dimension));
        }

        return dimension;
    }
}
