using System.Globalization;
using Parquet;
using Parquet.Serialization;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage.Tests;

public sealed class RevenueLineParquetReaderTests
{
    [Fact]
    public async Task ReadAsync_SeveralRowGroups_ReadsEveryLineInOrder()
    {
        var lines = Enumerable.Range(0, 2_500).Select(row => Samples.Line(row) with { Plan = row % 2 == 0 ? null : "pro" }).ToList();
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(lines.Select(LegacyLineRows.From), file, new ParquetOptions { RowGroupSize = 1_000 });
        file.Position = 0;
        await using (var parquet = await ParquetReader.CreateAsync(file, leaveStreamOpen: true))
        {
            Assert.Equal(3, parquet.RowGroupCount);
        }

        file.Position = 0;
        var read = await RevenueLineParquetReader.ReadAsync(file, CancellationToken.None);

        Assert.Equal(lines, read);
        Assert.Same(read[1].CustomerId, read[8].CustomerId);
    }

    [Fact]
    public async Task ReadAsync_AmountsOfAVersion1FileReadRaw_EqualParquetNetsOwnDecodingDigitForDigit()
    {
        var lines = AmountSamples();
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(lines.Select(LegacyLineRows.From), file, new ParquetOptions { RowGroupSize = 1_000 });

        file.Position = 0;
        var read = await RevenueLineParquetReader.ReadAsync(file, CancellationToken.None);
        file.Position = 0;
        var decoded = await ParquetDecodedAsync(file, LedgerLineRow.AmountColumn, LedgerLineRow.DiscountColumn, LedgerLineRow.TaxColumn, LedgerLineRow.QuantityColumn);

        Assert.Equal(lines.Select(line => line.Amount), read.Select(line => line.Amount));
        Assert.Equal(decoded[0], read.Select(line => line.Amount.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(decoded[1], read.Select(line => line.Discount.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(decoded[2], read.Select(line => line.Tax.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(decoded[3], read.Select(line => line.Quantity.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal("12.5", read[1].Amount.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("100", read[3].Amount.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReadAsync_Version2File_SameAmountsDigitForDigitAsTheVersion1FileOfTheSameLines()
    {
        var lines = AmountSamples();
        using var version1 = new MemoryStream();
        await ParquetSerializer.SerializeAsync(lines.Select(LegacyLineRows.From), version1, new ParquetOptions { RowGroupSize = 1_000 });
        using var version2 = new MemoryStream();
        await using (var writer = await RevenueLineParquetWriter.CreateAsync(version2, null, CancellationToken.None, linesPerRowGroup: 1_000))
        {
            await writer.WriteAsync(lines, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        version1.Position = 0;
        version2.Position = 0;
        var old = await RevenueLineParquetReader.ReadAsync(version1, CancellationToken.None);
        var read = await RevenueLineParquetReader.ReadAsync(version2, CancellationToken.None);

        Assert.Equal(lines, read);
        Assert.Equal(Texts(old), Texts(read));
        Assert.Equal(("12.5", "100", "-0.000000000000000001"), (Text(read[1].Amount), Text(read[3].Amount), Text(read[5].Amount)));
        Assert.Equal(
            ["-0.01", "99999999999999999999", "79228162514.264337593543950335", "-0.000000000000000001"],
            [Text(read[11].Amount), Text(read[8].Amount), Text(read[7].Amount), Text(read[5].Amount)]);
    }

    [Fact]
    public async Task WriteAsync_Version2_EachAmountInItsSixtyFourBitColumnOrElseInItsWideColumnAsAnalystsToolsDecodeThem()
    {
        var lines = AmountSamples();
        using var file = new MemoryStream();
        await using (var writer = await RevenueLineParquetWriter.CreateAsync(file, null, CancellationToken.None, linesPerRowGroup: 1_000))
        {
            await writer.WriteAsync(lines, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        file.Position = 0;
        await using var parquet = await ParquetReader.CreateAsync(file, leaveStreamOpen: true);
        var fields = parquet.Schema.GetDataFields();
        var amount = Assert.IsType<Parquet.Schema.DecimalDataField>(fields.Single(field => field.Name == "amount"));
        var wide = Assert.IsType<Parquet.Schema.DecimalDataField>(fields.Single(field => field.Name == "amount_wide"));
        Assert.Equal((18, 6, true), (amount.Precision, amount.Scale, amount.IsNullable));
        Assert.Equal((38, 18, true), (wide.Precision, wide.Scale, wide.IsNullable));
        Assert.Equal(
            ["cancellation_requested_at", "quantity_wide", "amount_wide", "discount_wide", "tax_wide"],
            fields.Skip(fields.Length - 5).Select(field => field.Name));
        Assert.Equal("revenue-lines/2", parquet.CustomMetadata["pipeline.schema"]);

        var narrowValues = new List<decimal?>();
        var wideValues = new List<decimal?>();
        for (var group = 0; group < parquet.RowGroupCount; group++)
        {
            using var reader = parquet.OpenRowGroupReader(group);
            var narrowGroup = new decimal?[reader.RowCount];
            var wideGroup = new decimal?[reader.RowCount];
            await reader.ReadAsync<decimal>(amount, narrowGroup.AsMemory());
            await reader.ReadAsync<decimal>(wide, wideGroup.AsMemory());
            narrowValues.AddRange(narrowGroup);
            wideValues.AddRange(wideGroup);
        }

        Assert.All(narrowValues.Zip(wideValues), pair => Assert.True(pair.First is null != pair.Second is null));
        Assert.Equal(lines.Select(line => line.Amount), narrowValues.Zip(wideValues, (narrow, other) => narrow ?? other!.Value));
        Assert.Equal(
            new decimal?[] { 0m, 12.5m, -12.5m, 100m, null, null, 10_000_000_000m, null, null, null, 1234.5678m, -0.01m, 7m },
            narrowValues.Take(13));
        Assert.Equal(5, wideValues.Take(13).Count(value => value is not null));
        Assert.True(wideValues.Skip(13).All(value => value is null), "Random amounts of at most 6 decimals fit the 64-bit column.");
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("999999999999.999999", true)]
    [InlineData("-999999999999.999999", true)]
    [InlineData("0.000001", true)]
    [InlineData("12.5000000000", true)]
    [InlineData("1000000000000", false)]
    [InlineData("-1000000000000", false)]
    [InlineData("0.0000001", false)]
    [InlineData("12.3456789", false)]
    [InlineData("79228162514.264337593543950335", false)]
    public void FitsNarrow_SixDecimalsUnderTenToTheTwelfth(string value, bool fits) =>
        Assert.Equal(fits, ParquetDecimals.FitsNarrow(decimal.Parse(value, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(0L, 6, "0")]
    [InlineData(12_500_000L, 6, "12.5")]
    [InlineData(100_000_000L, 6, "100")]
    [InlineData(-1L, 6, "-0.000001")]
    [InlineData(-10L, 6, "-0.00001")]
    [InlineData(123_456_780L, 6, "123.45678")]
    [InlineData(long.MaxValue, 6, "9223372036854.775807")]
    [InlineData(long.MinValue, 6, "-9223372036854.775808")]
    [InlineData(42L, 0, "42")]
    public void FromUnscaled_ExactWithoutTrailingZeros(long unscaled, int scale, string expected) =>
        Assert.Equal(expected, Text(ParquetDecimals.FromUnscaled(unscaled, scale)));

    [Fact]
    public async Task ReadAsync_FileWrittenBeforeTheSnapshotColumns_ReadsInvoiceLineDefaults()
    {
        var snapshot = Samples.Line(1) with
        {
            Origin = Domain.LineOrigin.SubscriptionSnapshot,
            SnapshotTakenAt = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero),
            CurrentPeriodStart = new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero),
            CancelsAtEnd = true,
        };
        using var full = new MemoryStream();
        await ParquetSerializer.SerializeAsync(new[] { LegacyLineRows.From(snapshot) }, full);
        full.Position = 0;
        using var legacy = await WithoutColumnsAsync(
            full, LedgerLineRow.OriginColumn, LedgerLineRow.SnapshotTakenAtColumn, LedgerLineRow.CurrentPeriodStartColumn, LedgerLineRow.CancelsAtEndColumn);

        var read = await RevenueLineParquetReader.ReadAsync(legacy, CancellationToken.None);

        Assert.Equal(Samples.Line(1), Assert.Single(read));
    }

    [Fact]
    public async Task ReadAsync_FileWithoutAColumn_ThrowsInvalidDataExceptionNamingIt()
    {
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(new[] { new LedgerCustomerRow { CustomerId = "c" } }, file);
        file.Position = 0;

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => RevenueLineParquetReader.ReadAsync(file, CancellationToken.None));

        Assert.Contains("line_key", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Lines with amounts of every kind (both forms, boundaries, trailing zeros), then 3,000 random ones of at most 6 decimals.</summary>
    private static List<Domain.RevenueLine> AmountSamples()
    {
        decimal[] amounts =
        [
            0m, 12.50m, -12.5m, 100.00m, 0.000000000000000001m, -0.000000000000000001m, 99_999_999_999.999999999999999999m / 10m,
            79_228_162_514.264337593543950335m, 99_999_999_999_999_999_999m, -99_999_999_999_999_999_999m, 1234.5678m, -0.01m, 7m,
        ];
        var random = new Random(7);
        return amounts.Concat(Enumerable.Range(0, 3_000).Select(_ => decimal.Round((decimal)(random.NextDouble() - 0.3) * 100_000m, random.Next(0, 7))))
            .Select((amount, row) => Samples.Line(row) with { Amount = amount, Discount = decimal.Round(-amount / 4m, 18), Tax = decimal.Round(amount * 0.21m, 18), Quantity = row % 5 })
            .ToList();
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<string> Texts(List<Domain.RevenueLine> lines) =>
        [.. lines.SelectMany(line => new[] { Text(line.Amount), Text(line.Discount), Text(line.Tax), Text(line.Quantity) })];

    /// <summary>A copy of a Parquet file without the named columns (a file of an earlier schema).</summary>
    private static async Task<MemoryStream> WithoutColumnsAsync(Stream source, params string[] dropped)
    {
        var untyped = await ParquetSerializer.DeserializeUntypedAsync(source);
        var fields = untyped.Schema.Fields.Where(field => !dropped.Contains(field.Name, StringComparer.Ordinal)).ToArray();
        Assert.Equal(untyped.Schema.Fields.Count - dropped.Length, fields.Length);
        foreach (var row in untyped.Data)
        {
            foreach (var name in dropped)
            {
                row.Remove(name);
            }
        }

        var copy = new MemoryStream();
        await ParquetSerializer.SerializeUntypedAsync(untyped.Data.Select(row => (IDictionary<string, object?>)row!).ToList(), new Parquet.Schema.ParquetSchema(fields), copy);
        copy.Position = 0;
        return copy;
    }

    /// <summary>The columns as Parquet.Net itself decodes them into decimals, as invariant text.</summary>
    private static async Task<List<List<string>>> ParquetDecodedAsync(Stream file, params string[] columns)
    {
        await using var parquet = await ParquetReader.CreateAsync(file, leaveStreamOpen: true);
        var fields = parquet.Schema.GetDataFields();
        var result = columns.Select(_ => new List<string>()).ToList();
        for (var group = 0; group < parquet.RowGroupCount; group++)
        {
            using var reader = parquet.OpenRowGroupReader(group);
            for (var index = 0; index < columns.Length; index++)
            {
                var values = new decimal[reader.RowCount];
                await reader.ReadAsync<decimal>(fields.Single(field => field.Name == columns[index]), values.AsMemory());
                result[index].AddRange(values.Select(value => value.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return result;
    }
}
