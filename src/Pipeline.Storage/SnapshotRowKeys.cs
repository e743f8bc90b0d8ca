using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary>The row keys of the <c>KpiSnapshots</c> table, one partition per tenant, one key range per kind of row.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>kpi|yyyy-MM</c>: the month's headline row.</item>
/// <item><c>seg|yyyy-MM|dimension=value</c>: a segment row; dimension and value are escaped by <see cref="RowKeyText"/>.</item>
/// <item><c>coh|yyyy-MM|cohort=yyyy-MM</c>: a cohort cell seen at that month end.</item>
/// <item><c>ver|yyyy-MM|v000001</c>: the headline row of one closed version of the month.</item>
/// </list>
/// <para>
/// Each kind's rows sort together, by month, so a month range of one kind is one range query that touches only rows of
/// that kind (<see cref="From"/> inclusive, <see cref="Before"/> exclusive). The kinds share the tenant's partition
/// because a month's write needs them in one entity-group transaction: a closed write commits the version row, the
/// headline row and the first breakdown rows together, and every provisional transaction of segment rows or cohort
/// cells carries a guard on the headline row (<see cref="MonthRowsReplacement"/>).
/// </para>
/// <para>
/// Rows written before the kinds had prefixes have the same keys without them (<c>yyyy-MM</c>, <c>yyyy-MM|…</c>): they
/// start with a digit, so no range of the layout meets them; <see cref="LegacyKind"/> tells their kind for the migration.
/// </para>
/// </remarks>
internal static class SnapshotRowKeys
{
    public const string CohortDimension = "cohort";

    /// <summary>The prefix of the headline rows.</summary>
    public const string Headlines = "kpi|";

    /// <summary>The prefix of the segment rows.</summary>
    public const string Segments = "seg|";

    /// <summary>The prefix of the cohort cells.</summary>
    public const string Cohorts = "coh|";

    /// <summary>The prefix of the closed versions' rows.</summary>
    public const string Versions = "ver|";

    public static string Month(BillingMonth month) => Headlines + month.ToString();

    /// <summary>The month of a headline, segment, cohort or version key.</summary>
    public static BillingMonth MonthOf(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        return BillingMonth.Parse(rowKey.AsSpan(Headlines.Length, 7).ToString());
    }

    /// <summary>The next month as text: the exclusive upper bound of every key of <paramref name="month"/> after a prefix.</summary>
    /// <remarks>Computed from the date so that December 9998 (the last <see cref="BillingMonth"/>) has a bound too.</remarks>
    public static string AfterMonth(BillingMonth month) =>
        month.FirstDay.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first key of the rows of <paramref name="kind"/> (a prefix) from <paramref name="month"/> on (all of them without one).</summary>
    public static string From(string kind, BillingMonth? month) => month is { } first ? kind + first.ToString() : kind;

    /// <summary>The exclusive upper bound of the rows of <paramref name="kind"/> through <paramref name="month"/> (all of them without one).</summary>
    /// <remarks><c>}</c> follows <c>|</c>, so <c>kpi}</c> is above every <c>kpi|…</c> key.</remarks>
    public static string Before(string kind, BillingMonth? month) =>
        month is { } last ? kind + AfterMonth(last) : string.Concat(kind.AsSpan(0, kind.Length - 1), "}");

    public static string Version(BillingMonth month, int version) => Versions + CloseRowKeys.Version(month, version);

    /// <summary>Whether the key is a closed version's headline row.</summary>
    public static bool IsVersion(string rowKey) => rowKey.StartsWith(Versions, StringComparison.Ordinal);

    /// <summary>The longest escaped segment value kept whole in a key; longer ones are cut and suffixed with their hash.</summary>
    public const int MaxKeyValueLength = 200;

    /// <remarks>
    /// A row key is at most 1 KiB (512 characters of UTF-16), so a long label (a plan or channel name of 600
    /// characters) cannot be the key itself: its escaped form is cut to <see cref="MaxKeyValueLength"/> characters and
    /// followed by <c>~~</c> and the SHA-256 of the whole label, which keeps distinct labels apart. The row's
    /// <c>Value</c> column keeps the label as it is; readers never decode it from the key.
    /// </remarks>
    public static string Segment(BillingMonth month, string dimension, string value) =>
        string.Concat(Segments, month.ToString(), "|", RowKeyText.Encode(ValidateDimension(dimension)), "=", KeyValue(value));

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

    /// <summary>The row of a month's cohort cells (<see cref="Entities.CohortMonthRow"/>): <c>coh|yyyy-MM</c>.</summary>
    public static string CohortMonth(BillingMonth month) => Cohorts + month.ToString();

    /// <summary>Whether a cohort row key is of one month's packed row (<see cref="CohortMonth"/>), not of a single cell written before.</summary>
    public static bool IsCohortMonth(string rowKey) =>
        rowKey.Length == Cohorts.Length + 7 && rowKey.StartsWith(Cohorts, StringComparison.Ordinal);

    public static string Cohort(BillingMonth month, BillingMonth cohort) =>
        string.Concat(Cohorts, month.ToString(), "|", CohortDimension, "=", cohort.ToString());

    public static bool IsSegment(string rowKey) => rowKey.StartsWith(Segments, StringComparison.Ordinal);

    public static bool IsCohort(string rowKey) => rowKey.StartsWith(Cohorts, StringComparison.Ordinal);

    /// <summary>
    /// The prefix of the kind of a key written before the kinds had prefixes (<c>yyyy-MM</c> a headline row,
    /// <c>yyyy-MM|cohort=…</c> a cohort cell, <c>yyyy-MM|dimension=…</c> a segment row, <c>yyyy-MM|v000001</c> a version
    /// row); null for any other key.
    /// </summary>
    public static string? LegacyKind(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        if (rowKey.Length < 7 || !char.IsAsciiDigit(rowKey[0]) || !BillingMonth.TryParse(rowKey[..7], out _))
        {
            return null;
        }

        if (rowKey.Length == 7)
        {
            return Headlines;
        }

        if (rowKey[7] != '|' || rowKey.Length < 9)
        {
            return null;
        }

        var equals = rowKey.IndexOf('=', 8);
        if (equals < 0)
        {
            return rowKey[8] == 'v' ? Versions : null;
        }

        return IsCohortDimension(RowKeyText.Decode(rowKey[8..equals])) ? Cohorts : Segments;
    }

    /// <summary>The key of a row written before the kinds had prefixes, in this layout; null when it is no such key.</summary>
    public static string? FromLegacy(string rowKey) => LegacyKind(rowKey) is { } kind ? kind + rowKey : null;

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
