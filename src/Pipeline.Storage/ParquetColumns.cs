using Parquet;
using Parquet.Schema;

namespace Pipeline.Storage;

/// <summary>Typed, whole-column reads of one Parquet row group, by column name.</summary>
internal sealed class ParquetColumns(ParquetRowGroupReader group, IReadOnlyDictionary<string, DataField> fields, StringPool pool)
{
    public int Count { get; } = checked((int)group.RowCount);

    /// <summary>A column of mostly distinct strings (ids), null where absent.</summary>
    public async Task<string?[]> StringsAsync(string column, CancellationToken cancellationToken)
    {
        var values = new string?[Count];
        await group.ReadAsync(Field(column), values.AsMemory(), cancellationToken: cancellationToken);
        return values;
    }

    /// <summary>A column of repeated strings, decoded as spans and shared through the pool; null where absent.</summary>
    public async Task<string?[]> PooledAsync(string column, CancellationToken cancellationToken)
    {
        var field = Field(column);
        var values = new string?[Count];
        if (field.IsNullable)
        {
            var raw = new ReadOnlyMemory<char>?[Count];
            await group.ReadAsync(field, raw.AsMemory(), cancellationToken: cancellationToken);
            for (var row = 0; row < raw.Length; row++)
            {
                values[row] = raw[row] is { } text ? pool.Get(text.Span) : null;
            }
        }
        else
        {
            var raw = new ReadOnlyMemory<char>[Count];
            await group.ReadAsync(field, raw.AsMemory(), cancellationToken: cancellationToken);
            for (var row = 0; row < raw.Length; row++)
            {
                values[row] = pool.Get(raw[row].Span);
            }
        }

        return values;
    }

    /// <summary>A column of enum names, parsed once per distinct name.</summary>
    public async Task<TEnum[]> EnumsAsync<TEnum>(string column, CancellationToken cancellationToken)
        where TEnum : struct, Enum
    {
        var values = await OptionalEnumsAsync<TEnum>(column, cancellationToken);
        return Array.ConvertAll(values, value => value ?? throw new InvalidDataException($"Column {column} has an empty value."));
    }

    /// <summary>A column of enum names, parsed once per distinct name; null where absent.</summary>
    public async Task<TEnum?[]> OptionalEnumsAsync<TEnum>(string column, CancellationToken cancellationToken)
        where TEnum : struct, Enum
    {
        var names = await PooledAsync(column, cancellationToken);
        var parsed = new Dictionary<string, TEnum>(StringComparer.Ordinal);
        var values = new TEnum?[Count];
        for (var row = 0; row < names.Length; row++)
        {
            if (names[row] is not { } name)
            {
                continue;
            }

            if (!parsed.TryGetValue(name, out var value))
            {
                parsed[name] = value = Enum.Parse<TEnum>(name);
            }

            values[row] = value;
        }

        return values;
    }

    public async Task<T[]> ValuesAsync<T>(string column, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[Count];
        await group.ReadAsync(Field(column), values.AsMemory(), cancellationToken: cancellationToken);
        return values;
    }

    /// <summary>An amount column, read raw and converted by <see cref="ParquetDecimals"/>, without trailing zeros.</summary>
    /// <remarks>
    /// A 64-bit <c>DECIMAL(18,6)</c> column (<c>revenue-lines/2</c>) takes the values it leaves null from its wide
    /// column (<see cref="RevenueLineParquetWriter.WideColumn"/>); a wide <c>DECIMAL(38,18)</c> column
    /// (<c>revenue-lines/1</c>) is read as its fixed-length byte arrays.
    /// </remarks>
    public async Task<decimal[]> DecimalsAsync(string column, CancellationToken cancellationToken)
    {
        var field = Field(column);
        if (field is DecimalDataField { Precision: > 9 and <= 18, ForceByteArrayEncoding: false } narrow)
        {
            return await NarrowDecimalsAsync(narrow, cancellationToken);
        }

        if (field is not DecimalDataField { Precision: > 18, ForceByteArrayEncoding: false, IsNullable: false } number)
        {
            return await ValuesAsync<decimal>(column, cancellationToken);
        }

        var bytes = await WideBytesAsync(number, cancellationToken);
        var values = new decimal[Count];
        for (var row = 0; row < values.Length; row++)
        {
            values[row] = ParquetDecimals.FromBigEndian(
                bytes[row] ?? throw new InvalidDataException($"Column {column} has an empty value."), number.Scale);
        }

        return values;
    }

    /// <summary>A 64-bit decimal column, each null taken from the wide column beside it.</summary>
    private async Task<decimal[]> NarrowDecimalsAsync(DecimalDataField field, CancellationToken cancellationToken)
    {
        // The same column seen as its physical 64-bit integers, through a field of a schema of its own.
        var raw = new DataField(field.Name, typeof(long), isNullable: field.IsNullable);
        _ = new ParquetSchema(raw);
        var unscaled = new long?[Count];
        if (field.IsNullable)
        {
            await group.ReadAsync(raw, unscaled.AsMemory(), cancellationToken: cancellationToken);
        }
        else
        {
            var required = new long[Count];
            await group.ReadAsync(raw, required.AsMemory(), cancellationToken: cancellationToken);
            unscaled = Array.ConvertAll(required, value => (long?)value);
        }
        var values = new decimal[Count];
        byte[]?[]? wide = null;
        var wideScale = 0;
        for (var row = 0; row < values.Length; row++)
        {
            if (unscaled[row] is { } value)
            {
                values[row] = ParquetDecimals.FromUnscaled(value, field.Scale);
                continue;
            }

            if (wide is null)
            {
                var wideColumn = RevenueLineParquetWriter.WideColumn(field.Name);
                var wideField = Field(wideColumn) as DecimalDataField
                    ?? throw new InvalidDataException($"Column {wideColumn} is not a DECIMAL column.");
                wide = await WideBytesAsync(wideField, cancellationToken);
                wideScale = wideField.Scale;
            }

            values[row] = ParquetDecimals.FromBigEndian(
                wide[row] ?? throw new InvalidDataException($"Column {field.Name} has an empty value (null in {RevenueLineParquetWriter.WideColumn(field.Name)} too)."),
                wideScale);
        }

        return values;
    }

    /// <summary>A <c>DECIMAL</c> column of fixed-length byte arrays, read raw; null where the column is.</summary>
    private async Task<byte[]?[]> WideBytesAsync(DecimalDataField field, CancellationToken cancellationToken)
    {
        // The same column seen as its physical fixed-length byte arrays, through a field of a schema of its own.
        var raw = new DataField(field.Name, typeof(byte[]), isNullable: field.IsNullable);
        _ = new ParquetSchema(raw);
        var bytes = new byte[]?[Count];
        await group.ReadAsync(raw, bytes.AsMemory(), cancellationToken: cancellationToken);
        return bytes;
    }

    public async Task<T?[]> OptionalValuesAsync<T>(string column, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[Count];
        await group.ReadAsync(Field(column), values.AsMemory(), cancellationToken: cancellationToken);
        return values;
    }

    /// <summary>Whether the file has the column (files written by an earlier version may lack newer ones).</summary>
    public bool Has(string column) => fields.ContainsKey(column);

    private DataField Field(string column) =>
        fields.TryGetValue(column, out var field)
            ? field
            : throw new InvalidDataException($"The Parquet file has no column {column}.");
}
