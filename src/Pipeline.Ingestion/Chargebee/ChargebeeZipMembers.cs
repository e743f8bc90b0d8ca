using System.Globalization;
using System.IO.Compression;
using System.Text;
using Pipeline.Ingestion.Csv;
using Pipeline.Ingestion.Values;
using Sylvan.Data.Csv;

namespace Pipeline.Ingestion.Chargebee;

/// <summary>Reads the side members of a Chargebee export zip into <see cref="ChargebeeExtras"/>.</summary>
/// <remarks>
/// The members use title-case headers (EXPORTS.md B2.1): <c>SubscriptionAddons.csv</c> (<c>Subscription Id</c>,
/// <c>Addon Id</c>, <c>Addon Quantity</c>, <c>Addon Unit Price</c>, <c>Addon Amount</c>), <c>SubscriptionCoupons.csv</c>
/// (<c>Subscription Id</c>, <c>Coupon Id</c>), and, when present, the coupons catalogue <c>Coupons.csv</c> (<c>Coupon Id</c>,
/// <c>Discount Type</c>, <c>Discount Percentage</c>, <c>Discount Amount</c>, <c>Duration Type</c>) and
/// <c>SubscriptionDiscounts.csv</c> (the same discount columns keyed by <c>Subscription Id</c>). They are small, so they
/// are read whole; a row that cannot be used is skipped with a warning rather than failing the subscriptions.
/// </remarks>
internal static class ChargebeeZipMembers
{
    public const string AddonsMember = "SubscriptionAddons.csv";
    public const string CouponsMember = "SubscriptionCoupons.csv";
    public const string CatalogueMember = "Coupons.csv";
    public const string DiscountsMember = "SubscriptionDiscounts.csv";

    public static async Task<ChargebeeExtras> ReadAsync(
        IReadOnlyList<ZipArchiveEntry> members, Func<ZipArchiveEntry, Stream> open, CancellationToken cancellationToken)
    {
        var addons = new Dictionary<string, List<ChargebeeAddon>>(StringComparer.Ordinal);
        var coupons = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var catalogue = new Dictionary<string, ChargebeeDiscount>(StringComparer.Ordinal);
        var discounts = new Dictionary<string, List<ChargebeeDiscount>>(StringComparer.Ordinal);
        var used = new List<string>();
        var warnings = new List<string>();
        foreach (var member in members)
        {
            Func<MemberRow, bool>? read = member.Name.ToUpperInvariant() switch
            {
                "SUBSCRIPTIONADDONS.CSV" => row => AddAddon(row, addons),
                "SUBSCRIPTIONCOUPONS.CSV" => row => AddCoupon(row, coupons),
                "COUPONS.CSV" => row => AddCatalogueEntry(row, catalogue),
                "SUBSCRIPTIONDISCOUNTS.CSV" => row => AddDiscount(row, discounts),
                _ => null,
            };
            if (read is null)
            {
                continue;
            }

            used.Add(member.FullName);
            await using var stream = open(member);
            List<long> skipped;
            try
            {
                skipped = await ReadRowsAsync(stream, read, cancellationToken);
            }
            catch (CsvFormatException exception)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{member.FullName}: row {exception.RowNumber + 1} cannot be read as CSV (a quote is misplaced or never closed); the rows after it were ignored."));
                continue;
            }

            if (skipped.Count > 0)
            {
                warnings.Add(string.Concat(member.FullName, ": skipped ", skipped.Count.ToString(CultureInfo.InvariantCulture),
                    " row(s) without the ids or values needed, or with a value over ",
                    FieldLengthLimits.Label.ToString(CultureInfo.InvariantCulture), " characters (first on row ", skipped[0].ToString(CultureInfo.InvariantCulture), ")."));
            }
        }

        return new ChargebeeExtras
        {
            Addons = addons,
            Coupons = coupons,
            CouponCatalogue = catalogue,
            Discounts = discounts,
            Members = used,
            Warnings = warnings,
        };
    }

    /// <returns>The row numbers of rows that could not be used.</returns>
    private static async Task<List<long>> ReadRowsAsync(Stream stream, Func<MemberRow, bool> read, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true }, cancellationToken);
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var ordinal = 0; ordinal < csv.FieldCount; ordinal++)
        {
            ordinals.TryAdd(HeaderName.Normalise(csv.GetName(ordinal)), ordinal);
        }

        var skipped = new List<long>();
        var row = 1L;
        while (await csv.ReadAsync(cancellationToken))
        {
            row++;
            var values = new MemberRow(csv, ordinals);
            if (!values.IsBlank && (values.HasOverlongValue || !read(values)))
            {
                skipped.Add(row);
            }
        }

        return skipped;
    }

    private static bool AddAddon(MemberRow row, Dictionary<string, List<ChargebeeAddon>> addons)
    {
        if (row.Get("subscription id") is not { } subscription || row.Get("addon id") is not { } addon)
        {
            return false;
        }

        Add(addons, subscription, new ChargebeeAddon(subscription, addon, row.Get("addon quantity"), row.Get("addon unit price"), row.Get("addon amount")));
        return true;
    }

    private static bool AddCoupon(MemberRow row, Dictionary<string, List<string>> coupons)
    {
        if (row.Get("subscription id") is not { } subscription || row.Get("coupon id") is not { } coupon)
        {
            return false;
        }

        Add(coupons, subscription, coupon);
        return true;
    }

    private static bool AddCatalogueEntry(MemberRow row, Dictionary<string, ChargebeeDiscount> catalogue)
    {
        if ((row.Get("coupon id") ?? row.Get("id")) is not { } id || Discount(row, id) is not { } discount)
        {
            return false;
        }

        catalogue[id] = discount;
        return true;
    }

    private static bool AddDiscount(MemberRow row, Dictionary<string, List<ChargebeeDiscount>> discounts)
    {
        if (row.Get("subscription id") is not { } subscription
            || Discount(row, row.Get("discount id") ?? row.Get("coupon id") ?? row.Get("id") ?? subscription) is not { } discount)
        {
            return false;
        }

        Add(discounts, subscription, discount);
        return true;
    }

    /// <summary>The discount the row describes, or null when its percentage or amount is missing or invalid.</summary>
    private static ChargebeeDiscount? Discount(MemberRow row, string id)
    {
        var type = row.Get("discount type") ?? row.Get("type") ?? string.Empty;
        var percentage = row.Get("discount percentage") ?? row.Get("percentage");
        var amount = row.Get("discount amount") ?? row.Get("amount");
        var duration = (row.Get("duration type") ?? string.Empty).Replace(' ', '_').Replace('-', '_');
        var isRecurring = !duration.Equals("one_time", StringComparison.OrdinalIgnoreCase);
        var isPercentage = type.Contains("percent", StringComparison.OrdinalIgnoreCase) || (type.Length == 0 && percentage is not null);
        if (!isPercentage)
        {
            return amount is null ? null : new ChargebeeDiscount(id, Percentage: null, amount, isRecurring);
        }

        return percentage is not null
            && decimal.TryParse(percentage.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value <= 100m
                ? new ChargebeeDiscount(id, value, Amount: null, isRecurring)
                : null;
    }

    private static void Add<T>(Dictionary<string, List<T>> lists, string key, T value)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            list = [];
            lists.Add(key, list);
        }

        list.Add(value);
    }

    /// <summary>One row of a side member, by normalised header name.</summary>
    private readonly struct MemberRow(CsvDataReader csv, Dictionary<string, int> ordinals)
    {
        public bool IsBlank
        {
            get
            {
                for (var ordinal = 0; ordinal < csv.RowFieldCount; ordinal++)
                {
                    if (!csv.GetFieldSpan(ordinal).IsWhiteSpace())
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Whether a value is longer than <see cref="FieldLengthLimits.Label"/>: no id or label of a side member is.</summary>
        public bool HasOverlongValue
        {
            get
            {
                for (var ordinal = 0; ordinal < csv.RowFieldCount; ordinal++)
                {
                    if (csv.GetFieldSpan(ordinal).Trim().Length > FieldLengthLimits.Label)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public string? Get(string name)
        {
            if (!ordinals.TryGetValue(name, out var ordinal) || ordinal >= csv.RowFieldCount)
            {
                return null;
            }

            var value = csv.GetFieldSpan(ordinal).Trim();
            return value.IsEmpty ? null : value.ToString();
        }
    }
}
