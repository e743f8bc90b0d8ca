using Parquet;
using Parquet.Data;
using Parquet.Schema;
using Pipeline.Domain;
using Columns = Pipeline.Storage.Entities.LedgerLineRow;

namespace Pipeline.Storage;

/// <summary>One row group of revenue lines being gathered as the column arrays of the <see cref="Entities.LedgerLineRow"/> schema.</summary>
/// <remarks>
/// The mirror of <see cref="RevenueLineParquetReader"/>: lines are appended as values (the line objects themselves are
/// not kept, so they die young while the row group fills), and each column is then written whole, with no row object
/// per line. Strings are views of the lines' own strings, enum names are shared, and the arrays are reused for the next
/// row group (~7 MiB for 16,384 lines). Values go through <see cref="LedgerValues"/> as they are appended, so an amount
/// or instant Parquet cannot hold exactly fails the write at once instead of being altered. Amounts are written in
/// the 64-bit <c>DECIMAL(18,6)</c> form where they fit and in <c>DECIMAL(38,18)</c> wide columns where they do not
/// (<see cref="RevenueLineParquetWriter"/>, <see cref="ParquetDecimals"/>).
/// </remarks>
internal sealed class RevenueLineColumns
{
    private readonly Dictionary<string, DataField> _fields;
    private ReadOnlyMemory<char>[] _lineKeys = [], _customers = [], _lineTypes = [], _currencies = [], _statuses = [], _origins = [];
    private ReadOnlyMemory<char>?[] _invoices = [], _subscriptions = [], _plans = [], _products = [], _units = [];
    private decimal[] _quantities = [], _amounts = [], _discounts = [], _taxes = [];
    private decimal?[] _narrow = [];
    private BigDecimal?[] _wide = [];
    private int?[] _intervalCounts = [];
    private bool[] _inferred = [], _cancelsAtEnd = [];
    private DateTime[] _starts = [];
    private DateTime?[] _ends = [], _issued = [], _due = [], _refunded = [], _snapshotTimes = [], _periodStarts = [], _cancellationsRequested = [];
    private long[] _rowNumbers = [];

    public RevenueLineColumns(ParquetSchema schema) =>
        _fields = schema.GetDataFields().ToDictionary(field => field.Name, StringComparer.Ordinal);

    /// <summary>Lines gathered so far.</summary>
    public int Count { get; private set; }

    /// <summary>Starts an empty row group, keeping the arrays.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends up to <paramref name="limit"/> lines of <paramref name="lines"/> from <paramref name="start"/> on; returns how many.</summary>
    /// <exception cref="ArgumentException">A value the ledger cannot store exactly (see <see cref="LedgerValues"/>).</exception>
    public int Append(IReadOnlyList<RevenueLine> lines, int start, int limit)
    {
        var taken = Math.Min(limit, lines.Count - start);
        EnsureCapacity(Count + taken);
        for (var offset = 0; offset < taken; offset++)
        {
            Set(Count + offset, lines[start + offset]);
        }

        Count += taken;
        return taken;
    }

    /// <summary>Writes the gathered values as the columns of <paramref name="group"/>, in schema order.</summary>
    public async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
    {
        await Required(group, Columns.LineKeyColumn, _lineKeys, cancellationToken);
        await Required(group, Columns.CustomerIdColumn, _customers, cancellationToken);
        await Optional(group, Columns.InvoiceIdColumn, _invoices, cancellationToken);
        await Optional(group, Columns.SubscriptionIdColumn, _subscriptions, cancellationToken);
        await Optional(group, Columns.PlanColumn, _plans, cancellationToken);
        await Optional(group, Columns.ProductColumn, _products, cancellationToken);
        await Required(group, Columns.LineTypeColumn, _lineTypes, cancellationToken);
        await Decimals(group, Columns.QuantityColumn, _quantities, cancellationToken);
        await Decimals(group, Columns.AmountColumn, _amounts, cancellationToken);
        await Decimals(group, Columns.DiscountColumn, _discounts, cancellationToken);
        await Decimals(group, Columns.TaxColumn, _taxes, cancellationToken);
        await Required(group, Columns.CurrencyColumn, _currencies, cancellationToken);
        await Optional(group, Columns.IntervalUnitColumn, _units, cancellationToken);
        await Optional(group, Columns.IntervalCountColumn, _intervalCounts, cancellationToken);
        await Required(group, Columns.IntervalInferredColumn, _inferred, cancellationToken);
        await Required(group, Columns.ServiceStartColumn, _starts, cancellationToken);
        await Optional(group, Columns.ServiceEndColumn, _ends, cancellationToken);
        await Optional(group, Columns.IssuedAtColumn, _issued, cancellationToken);
        await Optional(group, Columns.DueAtColumn, _due, cancellationToken);
        await Required(group, Columns.StatusColumn, _statuses, cancellationToken);
        await Optional(group, Columns.RefundedAtColumn, _refunded, cancellationToken);
        await Required(group, Columns.RowNumberColumn, _rowNumbers, cancellationToken);
        await Required(group, Columns.OriginColumn, _origins, cancellationToken);
        await Optional(group, Columns.SnapshotTakenAtColumn, _snapshotTimes, cancellationToken);
        await Optional(group, Columns.CurrentPeriodStartColumn, _periodStarts, cancellationToken);
        await Required(group, Columns.CancelsAtEndColumn, _cancelsAtEnd, cancellationToken);
        await Optional(group, Columns.CancellationRequestedAtColumn, _cancellationsRequested, cancellationToken);
        await WideDecimals(group, Columns.QuantityColumn, _quantities, cancellationToken);
        await WideDecimals(group, Columns.AmountColumn, _amounts, cancellationToken);
        await WideDecimals(group, Columns.DiscountColumn, _discounts, cancellationToken);
        await WideDecimals(group, Columns.TaxColumn, _taxes, cancellationToken);
        group.CompleteValidate();
    }

    private void Set(int index, RevenueLine line)
    {
        var row = line.RowNumber;
        _lineKeys[index] = line.LineKey.AsMemory();
        _customers[index] = line.CustomerId.AsMemory();
        _invoices[index] = line.InvoiceId?.AsMemory();
        _subscriptions[index] = line.SubscriptionId?.AsMemory();
        _plans[index] = line.Plan?.AsMemory();
        _products[index] = line.Product?.AsMemory();
        _lineTypes[index] = EnumName<LineType>.Of(line.LineType);
        _quantities[index] = LedgerValues.Exact(line.Quantity, Columns.QuantityColumn, row);
        _amounts[index] = LedgerValues.Exact(line.Amount, Columns.AmountColumn, row);
        _discounts[index] = LedgerValues.Exact(line.Discount, Columns.DiscountColumn, row);
        _taxes[index] = LedgerValues.Exact(line.Tax, Columns.TaxColumn, row);
        _currencies[index] = line.Currency.Code.AsMemory();

        // Not a bare null: that converts to an empty ReadOnlyMemory<char>, which is written as an empty string.
        _units[index] = line.Interval is { } interval ? EnumName<IntervalUnit>.Of(interval.Unit) : default(ReadOnlyMemory<char>?);
        _intervalCounts[index] = line.Interval?.Count;
        _inferred[index] = line.IntervalInferred;
        _starts[index] = LedgerValues.ToUtc(line.ServiceStart, Columns.ServiceStartColumn, row);
        _ends[index] = LedgerValues.ToUtc(line.ServiceEnd, Columns.ServiceEndColumn, row);
        _issued[index] = LedgerValues.ToUtc(line.IssuedAt, Columns.IssuedAtColumn, row);
        _due[index] = LedgerValues.ToUtc(line.DueAt, Columns.DueAtColumn, row);
        _statuses[index] = EnumName<DocumentStatus>.Of(line.Status);
        _refunded[index] = LedgerValues.ToUtc(line.RefundedAt, Columns.RefundedAtColumn, row);
        _rowNumbers[index] = row;
        _origins[index] = EnumName<LineOrigin>.Of(line.Origin);
        _snapshotTimes[index] = LedgerValues.ToUtc(line.SnapshotTakenAt, Columns.SnapshotTakenAtColumn, row);
        _periodStarts[index] = LedgerValues.ToUtc(line.CurrentPeriodStart, Columns.CurrentPeriodStartColumn, row);
        _cancelsAtEnd[index] = line.CancelsAtEnd;
        _cancellationsRequested[index] = LedgerValues.ToUtc(line.CancellationRequestedAt, Columns.CancellationRequestedAtColumn, row);
    }

    private Task Required<T>(ParquetRowGroupWriter group, string column, T[] values, CancellationToken cancellationToken)
        where T : struct =>
        group.WriteAsync<T>(_fields[column], values.AsMemory(0, Count), cancellationToken: cancellationToken);

    private Task Optional<T>(ParquetRowGroupWriter group, string column, T?[] values, CancellationToken cancellationToken)
        where T : struct =>
        group.WriteAsync<T>(_fields[column], values.AsMemory(0, Count), cancellationToken: cancellationToken);

    /// <summary>Writes one amount column in its 64-bit form: every value that fits <c>DECIMAL(18,6)</c>, null where it does not.</summary>
    private Task Decimals(ParquetRowGroupWriter group, string column, decimal[] values, CancellationToken cancellationToken)
    {
        for (var index = 0; index < Count; index++)
        {
            var value = values[index];
            _narrow[index] = ParquetDecimals.FitsNarrow(value) ? value : null;
        }

        return Optional(group, column, _narrow, cancellationToken);
    }

    /// <summary>Writes the wide column of an amount: the values its 64-bit column left null, as <c>DECIMAL(38,18)</c>; null elsewhere.</summary>
    /// <remarks>Nearly always all null, which Parquet stores as one run of definition levels; a big integer is built only for a value that needs it.</remarks>
    private Task WideDecimals(ParquetRowGroupWriter group, string column, decimal[] values, CancellationToken cancellationToken)
    {
        for (var index = 0; index < Count; index++)
        {
            var value = values[index];
            _wide[index] = ParquetDecimals.FitsNarrow(value) ? null : ParquetDecimals.Of(value);
        }

        return Optional(group, RevenueLineParquetWriter.WideColumn(column), _wide, cancellationToken);
    }

    /// <summary>Grows every array to hold <paramref name="count"/> lines, doubling, so a small file allocates little.</summary>
    private void EnsureCapacity(int count)
    {
        if (_lineKeys.Length >= count)
        {
            return;
        }

        var size = Math.Max(count, Math.Max(1_024, _lineKeys.Length * 2));
        Grow(ref _lineKeys, size); Grow(ref _customers, size); Grow(ref _lineTypes, size); Grow(ref _currencies, size);
        Grow(ref _statuses, size); Grow(ref _origins, size); Grow(ref _invoices, size); Grow(ref _subscriptions, size);
        Grow(ref _plans, size); Grow(ref _products, size); Grow(ref _units, size); Grow(ref _quantities, size);
        Grow(ref _amounts, size); Grow(ref _discounts, size); Grow(ref _taxes, size); Grow(ref _narrow, size); Grow(ref _wide, size);
        Grow(ref _intervalCounts, size); Grow(ref _inferred, size); Grow(ref _cancelsAtEnd, size); Grow(ref _starts, size);
        Grow(ref _ends, size); Grow(ref _issued, size); Grow(ref _due, size); Grow(ref _refunded, size);
        Grow(ref _snapshotTimes, size); Grow(ref _periodStarts, size); Grow(ref _cancellationsRequested, size); Grow(ref _rowNumbers, size);
    }

    private static void Grow<T>(ref T[] array, int size) => Array.Resize(ref array, size);

    /// <summary>The names of an enum's values, as the ledger stores them, made once.</summary>
    private static class EnumName<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, ReadOnlyMemory<char>> Names =
            Enum.GetValues<TEnum>().ToDictionary(value => value, value => value.ToString().AsMemory());

        public static ReadOnlyMemory<char> Of(TEnum value) => Names[value];
    }
}
