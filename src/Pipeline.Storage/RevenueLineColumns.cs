using Parquet;
using Parquet.Schema;
using Pipeline.Domain;
using Columns = Pipeline.Storage.Entities.LedgerLineRow;

namespace Pipeline.Storage;

/// <summary>One row group of revenue lines as the column arrays of the <see cref="Entities.LedgerLineRow"/> schema.</summary>
/// <remarks>
/// The mirror of <see cref="RevenueLineParquetReader"/>: each column is filled in one pass over the lines and written
/// whole, with no row object per line. Strings are written as views of the lines' own strings and enum names are
/// shared, so a row group allocates only what Parquet encodes. The arrays are kept and reused for the next row group
/// (a chunk of 65,536 lines fills ~12 MiB of them), and values go through <see cref="LedgerValues"/>, so an amount or
/// instant Parquet cannot hold exactly fails the write instead of being altered.
/// </remarks>
internal sealed class RevenueLineColumns
{
    private readonly Dictionary<string, DataField> _fields;
    private int _count;
    private ReadOnlyMemory<char>[] _lineKeys = [], _customers = [], _lineTypes = [], _currencies = [], _statuses = [], _origins = [];
    private ReadOnlyMemory<char>?[] _invoices = [], _subscriptions = [], _plans = [], _products = [], _units = [];
    private decimal[] _quantities = [], _amounts = [], _discounts = [], _taxes = [];
    private int?[] _intervalCounts = [];
    private bool[] _inferred = [], _cancelsAtEnd = [];
    private DateTime[] _starts = [];
    private DateTime?[] _ends = [], _issued = [], _due = [], _refunded = [], _snapshotTimes = [], _periodStarts = [], _cancellationsRequested = [];
    private long[] _rowNumbers = [];

    public RevenueLineColumns(ParquetSchema schema) =>
        _fields = schema.GetDataFields().ToDictionary(field => field.Name, StringComparer.Ordinal);

    /// <summary>Takes the values of <paramref name="lines"/>, checking that Parquet keeps each exactly.</summary>
    /// <exception cref="ArgumentException">A value the ledger cannot store exactly (see <see cref="LedgerValues"/>).</exception>
    public void Fill(IReadOnlyList<RevenueLine> lines)
    {
        EnsureCapacity(lines.Count);
        _count = lines.Count;
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
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
    }

    /// <summary>Writes the filled values as the columns of <paramref name="group"/>, in schema order.</summary>
    public async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
    {
        await Required(group, Columns.LineKeyColumn, _lineKeys, cancellationToken);
        await Required(group, Columns.CustomerIdColumn, _customers, cancellationToken);
        await Optional(group, Columns.InvoiceIdColumn, _invoices, cancellationToken);
        await Optional(group, Columns.SubscriptionIdColumn, _subscriptions, cancellationToken);
        await Optional(group, Columns.PlanColumn, _plans, cancellationToken);
        await Optional(group, Columns.ProductColumn, _products, cancellationToken);
        await Required(group, Columns.LineTypeColumn, _lineTypes, cancellationToken);
        await Required(group, Columns.QuantityColumn, _quantities, cancellationToken);
        await Required(group, Columns.AmountColumn, _amounts, cancellationToken);
        await Required(group, Columns.DiscountColumn, _discounts, cancellationToken);
        await Required(group, Columns.TaxColumn, _taxes, cancellationToken);
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
        group.CompleteValidate();
    }

    private Task Required<T>(ParquetRowGroupWriter group, string column, T[] values, CancellationToken cancellationToken)
        where T : struct =>
        group.WriteAsync<T>(_fields[column], values.AsMemory(0, _count), cancellationToken: cancellationToken);

    private Task Optional<T>(ParquetRowGroupWriter group, string column, T?[] values, CancellationToken cancellationToken)
        where T : struct =>
        group.WriteAsync<T>(_fields[column], values.AsMemory(0, _count), cancellationToken: cancellationToken);

    private void EnsureCapacity(int count)
    {
        if (_lineKeys.Length >= count)
        {
            return;
        }

        (_lineKeys, _customers, _lineTypes, _currencies, _statuses, _origins) = (new ReadOnlyMemory<char>[count], new ReadOnlyMemory<char>[count],
            new ReadOnlyMemory<char>[count], new ReadOnlyMemory<char>[count], new ReadOnlyMemory<char>[count], new ReadOnlyMemory<char>[count]);
        (_invoices, _subscriptions, _plans, _products, _units) = (new ReadOnlyMemory<char>?[count], new ReadOnlyMemory<char>?[count],
            new ReadOnlyMemory<char>?[count], new ReadOnlyMemory<char>?[count], new ReadOnlyMemory<char>?[count]);
        (_quantities, _amounts, _discounts, _taxes) = (new decimal[count], new decimal[count], new decimal[count], new decimal[count]);
        (_intervalCounts, _inferred, _cancelsAtEnd, _rowNumbers, _starts) = (new int?[count], new bool[count], new bool[count], new long[count], new DateTime[count]);
        (_ends, _issued, _due, _refunded) = (new DateTime?[count], new DateTime?[count], new DateTime?[count], new DateTime?[count]);
        (_snapshotTimes, _periodStarts, _cancellationsRequested) = (new DateTime?[count], new DateTime?[count], new DateTime?[count]);
    }

    /// <summary>The names of an enum's values, as the ledger stores them, made once.</summary>
    private static class EnumName<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, ReadOnlyMemory<char>> Names =
            Enum.GetValues<TEnum>().ToDictionary(value => value, value => value.ToString().AsMemory());

        public static ReadOnlyMemory<char> Of(TEnum value) => Names[value];
    }
}
