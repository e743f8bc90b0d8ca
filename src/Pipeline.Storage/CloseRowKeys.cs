using System.Globalization;
using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary>The row keys of the <c>Closes</c> table, one partition per tenant.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>yyyy-MM|v000001</c>: one record per month and close version, inserted once; versions of a month sort in order.</item>
/// <item><c>_lease</c>: the tenant's close lease; <c>_</c> sorts after every digit, so the records are the keys below <c>_</c>.</item>
/// </list>
/// A record written before versions had their own rows has the key <c>yyyy-MM</c>; it reads as its stored version.
/// </remarks>
internal static class CloseRowKeys
{
    public const string Lease = "_lease";

    /// <summary>The exclusive upper bound of every record key.</summary>
    public const string RecordsEnd = "_";

    public static string Version(BillingMonth month, int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{month}|v{version:D6}");
    }

    public static BillingMonth MonthOf(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var bar = rowKey.IndexOf('|', StringComparison.Ordinal);
        return BillingMonth.Parse(bar < 0 ? rowKey : rowKey[..bar]);
    }
}
