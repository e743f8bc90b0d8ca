using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using Pipeline.Domain;
using Pipeline.Storage.Entities;

namespace Pipeline.Storage;

/// <summary>Writes a batch's customers file as its records come, in row groups of <see cref="ParquetRows.RowsPerRowGroup"/>.</summary>
/// <remarks>
/// <para>
/// The schema is <see cref="LedgerCustomerRow"/>'s exactly as the row serializer derives it (<c>customers/1</c>), so the
/// file reads like one <see cref="ParquetRows"/> wrote in one call; it may hold several records of a customer, in the
/// order they came (the reader merges them later over earlier, as it merges imports). A row group's values are copied
/// from the records when it is full and encoded onto the output (for a batch, a <see cref="BlockStagingStream"/> that
/// stages blocks of <see cref="BlockStagingStream.SerializedFileBlockBytes"/>): memory holds one row group, however many
/// customers a file has. Only <see cref="CompleteAsync"/> writes the footer.
/// </para>
/// </remarks>
internal sealed class CustomerParquetWriter : IAsyncDisposable
{
    public const string SchemaName = "customers/1";

    private static readonly ParquetSchema Schema = typeof(LedgerCustomerRow).GetParquetSchema(forWriting: true);
    private static readonly ParquetOptions Options = new() { CompressionMethod = CompressionMethod.Snappy };

    private readonly ParquetWriter _writer;
    private readonly List<LedgerCustomerRow> _filling = new(ParquetRows.RowsPerRowGroup);
    private bool _completed;

    private CustomerParquetWriter(ParquetWriter writer) => _writer = writer;

    /// <summary>Records written so far.</summary>
    public long Customers { get; private set; }

    /// <summary>Starts a file on <paramref name="output"/> (which need not seek).</summary>
    public static async Task<CustomerParquetWriter> CreateAsync(Stream output, CancellationToken cancellationToken)
    {
        var writer = await ParquetWriter.CreateAsync(Schema, output, Options, append: false, cancellationToken);
        writer.CustomMetadata = new Dictionary<string, string>(StringComparer.Ordinal) { [RevenueLineParquetWriter.SchemaKey] = SchemaName };
        return new CustomerParquetWriter(writer);
    }

    /// <summary>Appends the records after those written before; returns once their values are copied.</summary>
    /// <exception cref="ArgumentException">A value the ledger cannot store exactly (see <see cref="LedgerValues"/>).</exception>
    public async Task WriteAsync(IReadOnlyList<CustomerRecord> customers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ObjectDisposedException.ThrowIf(_completed, this);
        foreach (var customer in customers)
        {
            _filling.Add(LedgerCustomerRow.From(customer));
            Customers++;
            if (_filling.Count == ParquetRows.RowsPerRowGroup)
            {
                await FlushAsync(cancellationToken);
            }
        }
    }

    /// <summary>Writes the last row group and the footer: the output then holds a complete file.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_filling.Count > 0)
        {
            await FlushAsync(cancellationToken);
        }

        _completed = true;
        await _writer.DisposeAsync();
    }

    /// <summary>Abandons a file not completed: no footer is written.</summary>
    public ValueTask DisposeAsync()
    {
        _completed = true;
        return ValueTask.CompletedTask;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var rows = _filling;
        using (var group = _writer.CreateRowGroup())
        {
            foreach (var field in Schema.DataFields)
            {
                await WriteColumnAsync(group, field, rows, cancellationToken);
            }
        }

        rows.Clear();
    }

    /// <summary>Writes one column of the rows, as the type its field holds.</summary>
    private static Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, List<LedgerCustomerRow> rows, CancellationToken cancellationToken) =>
        field.Name switch
        {
            "customer_id" => group.WriteAsync(field, rows.ConvertAll(row => row.CustomerId)),
            "name" => group.WriteAsync(field, rows.ConvertAll(row => row.Name!)),
            "email" => group.WriteAsync(field, rows.ConvertAll(row => row.Email!)),
            "country" => group.WriteAsync(field, rows.ConvertAll(row => row.Country!)),
            "segment" => group.WriteAsync(field, rows.ConvertAll(row => row.Segment!)),
            "channel" => group.WriteAsync(field, rows.ConvertAll(row => row.Channel!)),
            "campaign" => group.WriteAsync(field, rows.ConvertAll(row => row.Campaign!)),
            "referred_by" => group.WriteAsync(field, rows.ConvertAll(row => row.ReferredBy!)),
            "created_at" => group.WriteAsync<DateTime>(field, rows.ConvertAll(row => row.CreatedAt).ToArray(), cancellationToken: cancellationToken),
            "row_number" => group.WriteAsync<long>(field, rows.ConvertAll(row => row.RowNumber).ToArray(), cancellationToken: cancellationToken),
            _ => throw new InvalidOperationException($"The customers file has no column '{field.Name}'."),
        };
}
