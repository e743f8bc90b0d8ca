using Pipeline.Domain;

namespace Pipeline.Ingestion.Tests.Chargebee;

public sealed class ZipExportReaderTests
{
    private static readonly ExportParseOptions Utc = new(TimeZoneInfo.Utc) { ReceivedAt = Parse.Utc(2025, 6, 30) };

    [Fact]
    public async Task ParseAsync_ChargebeeZip_AddonLineAndCouponDiscount()
    {
        var result = await Parse.BytesAsync(ChargebeeZip.FromFixture(), Utc, "chargebee-export.zip");

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal("chargebee-subscriptions", result.Format);
        Assert.Contains("SubscriptionAddons.csv", result.FormatEvidence, StringComparison.Ordinal);
        var plan = Assert.Single(result.Lines, line => line.LineKey == "sub_m1");
        var addon = Assert.Single(result.Lines, line => line.LineKey == "sub_m1+addon:extra-seats");
        Assert.Equal((98m, 9.8m), (plan.Amount, plan.Discount));
        Assert.Equal(("sub_m1+addon:extra-seats", "extra-seats", 3m, 15m, 1.5m), (addon.SubscriptionId, addon.Plan, addon.Quantity, addon.Amount, addon.Discount));
        Assert.Equal((plan.ServiceStart, plan.ServiceEnd, plan.Interval, plan.Currency, plan.CustomerId, LineOrigin.SubscriptionSnapshot),
            (addon.ServiceStart, addon.ServiceEnd, addon.Interval, addon.Currency, addon.CustomerId, addon.Origin));
        Assert.Equal(13, result.Lines.Count);
        Assert.Contains(result.Warnings, warning => warning.Contains("SubscriptionContracts.csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_CouponWithoutCatalogue_WarnsNamingTheSubscription()
    {
        var result = await Parse.BytesAsync(ChargebeeZip.FromFixture("Coupons.csv"), Utc, "chargebee-export.zip");

        Assert.Equal(0m, Assert.Single(result.Lines, line => line.LineKey == "sub_m1").Discount);
        Assert.Contains(result.Warnings, warning => warning.Contains("before their coupon", StringComparison.Ordinal)
            && warning.Contains("sub_m1 (TENOFF)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_SubscriptionDiscountsAndAddonUnitPrice_Applied()
    {
        var zip = ChargebeeZip.Build(
            ("Subscriptions.csv", "subscriptions.id,subscriptions.plan_unit_price,subscriptions.currency_code,subscriptions.billing_period," +
                "subscriptions.billing_period_unit,subscriptions.status,subscriptions.start_date,customers.id\n" +
                "s1,10000,JPY,1,month,Active,2025-01-01,c1\n"),
            ("SubscriptionAddons.csv", "Subscription Id,Addon Id,Addon Quantity,Addon Unit Price,Addon Amount\ns1,seat,4,250,\nghost,seat,1,100,100\n"),
            ("SubscriptionDiscounts.csv", "Subscription Id,Discount Id,Discount Type,Discount Percentage,Discount Amount,Duration Type\n" +
                "s1,d1,Fixed Amount,,1500,forever\ns1,d2,Fixed Amount,,700,one_time\n"));

        var result = await Parse.BytesAsync(zip, Utc, "export.zip");

        Assert.Equal([(10000m, 1500m), (1000m, 0m)], result.Lines.Select(line => (line.Amount, line.Discount)).ToArray());
        Assert.Contains(result.Warnings, warning => warning.Contains("not in Subscriptions.csv", StringComparison.Ordinal)
            && warning.Contains("ghost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_SemicolonAddonsAndBrokenCoupons_AddonsReadCouponsWarned()
    {
        var zip = ChargebeeZip.Build(
            ("export/Subscriptions.csv", "subscriptions.id;subscriptions.plan_unit_price;subscriptions.currency_code;subscriptions.billing_period;" +
                "subscriptions.billing_period_unit;subscriptions.status;subscriptions.start_date;customers.id\n" +
                "s1;2000;EUR;1;month;Active;2025-01-01;c1\n"),
            ("export/SubscriptionAddons.csv", "Subscription Id;Addon Id;Addon Quantity;Addon Unit Price;Addon Amount\ns1;seat;2;;1000\n;seat;1;;100\n"),
            ("export/SubscriptionCoupons.csv", "Subscription Id,Coupon Id\ns1,\"BROKEN\n"));

        var result = await Parse.BytesAsync(zip, Utc, "export.zip");

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal([20m, 10m], result.Lines.Select(line => line.Amount).ToArray());
        Assert.Contains(result.Warnings, warning => warning.StartsWith("export/SubscriptionAddons.csv: skipped 1 row(s)", StringComparison.Ordinal)
            && warning.Contains("row 3", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, warning => warning.StartsWith("export/SubscriptionCoupons.csv: row ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_ZipOfCanonicalFiles_ReadMemberByMember()
    {
        var zip = ChargebeeZip.Build(
            ("exports/revenue.csv", "customer_id,amount,currency,service_start,service_end,interval\nc1,10.00,EUR,2025-01-01,,month\n"),
            ("exports/customers.csv", "customer_id,name\nc1,Acme\n"),
            ("readme.pdf", "%PDF"));

        var result = await Parse.BytesAsync(zip, Utc, "bundle.zip");

        Assert.False(result.IsRefused, result.RefusalReason);
        Assert.Equal("canonical-revenue-lines", result.Format);
        Assert.Equal(10m, Assert.Single(result.Lines).Amount);
        Assert.Equal("Acme", Assert.Single(result.Customers).Name);
        Assert.Equal(2, result.DataRows);
        Assert.Contains("exports/customers.csv (canonical-customers", result.FormatEvidence, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, warning => warning.Contains("readme.pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_ZipWithAnUnrecognisedMember_RefusedNamingIt()
    {
        var zip = ChargebeeZip.Build(("a.csv", "customer_id,name\nc1,Acme\n"), ("b.csv", "colour,size\nred,4\n"));

        var result = await Parse.BytesAsync(zip, Utc, "bundle.zip");

        Assert.True(result.IsRefused);
        Assert.Equal(RefusalCodes.NeedsMapping, result.ReasonCode);
        Assert.StartsWith("b.csv: ", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_BrokenZip_RefusedUnreadable()
    {
        var zip = ChargebeeZip.FromFixture();

        var result = await Parse.BytesAsync(zip[..(zip.Length / 2)], Utc, "chargebee-export.zip");

        Assert.True(result.IsRefused);
        Assert.Equal(RefusalCodes.Unreadable, result.ReasonCode);
        Assert.Contains("not a readable zip", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_MutatedZips_NeverThrow()
    {
        var original = ChargebeeZip.FromFixture();
        var random = new Random(4);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var mutated = (byte[])original.Clone();
            for (var flip = 0; flip < 1 + (attempt % 4); flip++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            var result = await Parse.BytesAsync(mutated, Utc, "chargebee-export.zip");

            Assert.True(result.IsRefused || result.Format is not null, $"attempt {attempt}");
        }
    }

    [Fact]
    public async Task ParseAsync_TooManyMembers_Refused()
    {
        var zip = ChargebeeZip.Build(Enumerable.Range(0, 51).Select(index => ($"m{index}.csv", "customer_id\nc1\n")).ToArray());

        var result = await Parse.BytesAsync(zip, Utc, "many.zip");

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.Contains("51 files; at most 50", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_MemberOver512MiB_RefusedAsZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("Subscriptions.csv", System.IO.Compression.CompressionLevel.Fastest).Open();
            var zeros = new byte[1024 * 1024];
            for (var mebibyte = 0; mebibyte < 513; mebibyte++)
            {
                entry.Write(zeros);
            }
        }

        var result = await Parse.BytesAsync(buffer.ToArray(), Utc, "bomb.zip");

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.Contains("Subscriptions.csv is 513 MiB uncompressed; at most 512 MiB", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_ForwardOnlyUpload_Read()
    {
        using var stream = new ForwardOnlyStream(ChargebeeZip.FromFixture());

        var result = await new ExportParser().ParseAsync(stream, "chargebee-export.ZIP", Utc, CancellationToken.None);

        Assert.Equal(13, result.Lines.Count);
    }

    [Fact]
    public async Task ParseAsync_BombOfValidRows_RefusedAtTheCompressionRatioBeforeItIsRead()
    {
        var zip = Zip(("revenue.csv", Rows(count: 400_000, unique: false)));

        var result = await Parse.BytesAsync(zip, Utc, "bomb.zip");

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.StartsWith("Zip member revenue.csv expands more than 100 times (", result.RefusalReason, StringComparison.Ordinal);
        Assert.EndsWith("a file that compresses this much is refused as a possible zip bomb. Unpack it and upload the CSV file, or raise Pipeline:MaxCompressionRatio.",
            result.RefusalReason, StringComparison.Ordinal);
        Assert.InRange(result.Lines.Count, 0, 399_999); // what the handler saw before the refusal; nothing of a refused file is committed
    }

    [Fact]
    public async Task ParseAsync_MembersOverMaxUncompressedBytesTogether_RefusedNamingTheSetting()
    {
        var zip = Zip(("a.csv", Rows(count: 12_000, unique: true)), ("b.csv", Rows(count: 12_000, unique: true)));

        var result = await Parse.BytesAsync(zip, Utc with { MaxUncompressedBytes = 1024 * 1024 }, "bundle.zip");

        Assert.Equal(RefusalCodes.TooLarge, result.ReasonCode);
        Assert.Equal("The zip's files are larger than 1 MiB uncompressed together; split the export into smaller zips or raise Pipeline:MaxUncompressedBytes.",
            result.RefusalReason);
    }

    [Fact]
    public async Task ParseAsync_MemberDeclaringASmallerSize_RefusedNotCutShort()
    {
        var content = Rows(count: 1_000, unique: true);
        var header = Array.IndexOf(content, (byte)'\n') + 1;
        var zip = Pipeline.Testing.HostileExports.WithDeclaredSize(Zip(("revenue.csv", content)), header);

        var result = await Parse.BytesAsync(zip, Utc, "bundle.zip");

        Assert.Equal(RefusalCodes.Unreadable, result.ReasonCode);
        Assert.StartsWith($"Zip member revenue.csv is not what the zip's directory says it is (it declares {header} bytes with checksum ",
            result.RefusalReason, StringComparison.Ordinal);
        Assert.Equal(0, result.DataRows);
    }

    /// <summary>Canonical revenue lines: distinct customers, or the same row again and again (compresses a thousandfold).</summary>
    private static byte[] Rows(int count, bool unique)
    {
        var csv = new System.Text.StringBuilder("customer_id,amount,currency,service_start,service_end,interval\n");
        for (var number = 0; number < count; number++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"cus_{(unique ? number : 1):D7},49.00,EUR,2025-01-01,2025-02-01,month\n");
        }

        return System.Text.Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] members) => ChargebeeZip.Build(members);
}
