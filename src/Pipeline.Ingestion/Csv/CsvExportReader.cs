using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Pipeline.Ingestion.Values;
using Sylvan.Data.Csv;

namespace Pipeline.Ingestion.Csv;

/// <summary>Reads a CSV file positioned at its header: detects the format, streams the rows, applies the refusal rule.</summary>
/// <remarks>
/// Row numbers are line numbers in the file where each record starts, counted from the line breaks of each raw
/// record, so quoted newlines and blank lines keep later numbers right. Blank rows (only empty cells) are skipped
/// and not counted. Revenue lines go to the handler whenever <see cref="ExportParseOptions.LinesPerChunk"/> of them
/// are pending and once more at the end, and so do customer records (to their own handler, or merged into the result
/// when there is none), so the reader holds at most one chunk of each; everything else a file gives (spend, rates,
/// movements, documents, errors) is small next to its lines and comes back in the result.
/// </remarks>
internal static class CsvExportReader
{
    /// <summary>The most characters one record (row) may have, quoted line breaks included.</summary>
    public const int MaxRecordChars = 1 << 20;

    /// <summary>The most columns a header may have: Excel's own limit (column XFD).</summary>
    public const int MaxColumns = 16_384;

    public static async Task<ExportParseResult> ReadAsync(
        TextReader text, CsvLayout layout, IReadOnlyList<IExportFormat> formats, ExportParseOptions options,
        List<string> warnings, ParseHandlers handlers, CancellationToken cancellationToken)
    {
        var csvOptions = new CsvDataReaderOptions
        {
            Delimiter = layout.Delimiter,
            HasHeaders = true,
            OwnsReader = false,
            MaxBufferSize = MaxRecordChars,
            // No comment lines: Sylvan's default '#' would silently drop rows such as "#1001,..." or Excel's "#N/A".
            Comment = '\0',
        };
        var row = layout.FirstDataRow;
        CsvHeader? header = null;
        try
        {
            using var guarded = new FieldCountGuardReader(text, layout.Delimiter);
            await using var csv = await CsvDataReader.CreateAsync(guarded, csvOptions, cancellationToken);
            if (csv.FieldCount > MaxColumns)
            {
                return ExportParseResult.Refused(string.Create(CultureInfo.InvariantCulture,
                    $"Too many columns: the header (row {layout.HeaderRow}) has {csv.FieldCount:N0} columns, and at most {MaxColumns:N0} are read (as in Excel). Remove the columns the export does not need and upload the file again."),
                    format: null, warnings, RefusalCodes.TooLarge);
            }

            header = new CsvHeader(Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList());
            if (!TryDetect(header, formats, out var format, out var fileError))
            {
                return ExportParseResult.Refused(fileError, format?.Name, warnings,
                    format is null ? RefusalCodes.NeedsMapping : RefusalCodes.BadHeader);
            }

            AddUnknownColumnWarning(header, format, warnings);
            var reader = format.CreateReader(header, layout, options);
            var pending = reader.Lines;
            var customers = reader.Customers;
            var merge = handlers.Customers is null && customers is not null ? new CustomerMerge() : null;
            var handOnCustomers = handlers.Customers ?? (merge is null ? null : new CustomerChunkHandler(merge.AddAsync));
            var errors = new List<RowError>();
            var record = new CsvRecord(csv, errors);
            var checkedColumns = CheckedColumns(header, format);

            // A field is never longer than the raw record it is in: a record no longer than the smallest limit needs no check.
            var shortestLimit = checkedColumns.Count > 0 ? checkedColumns.Min(checkedColumn => checkedColumn.Limit) : -1;
            var (dataRows, badRows) = (0, 0);
            var summaries = new List<(long Row, string Cell)>();
            while (await csv.ReadAsync(cancellationToken))
            {
                var start = row;
                var raw = csv.GetRawRecordSpan();
                row += LineBreaks(raw);
                if (row - 1 > options.MaxFileLines)
                {
                    return ExportParseResult.Refused(TooManyLines(options.MaxFileLines), format.Name, warnings, RefusalCodes.TooLarge);
                }

                if (record.IsBlank)
                {
                    continue;
                }

                if (record.IsSummary)
                {
                    summaries.Add((start, record.FirstCell));
                    continue;
                }

                dataRows++;
                record.Begin(start);
                if (raw.Length > shortestLimit && !FieldLengthLimits.Check(record, checkedColumns, errors))
                {
                    badRows++;
                    continue;
                }

                reader.Read(record);
                badRows += record.HasErrors ? 1 : 0;
                if (pending is not null && pending.Count >= options.LinesPerChunk)
                {
                    await handlers.Lines(pending.Take(), cancellationToken);
                }

                if (customers is not null && customers.Pending >= options.LinesPerChunk)
                {
                    await handOnCustomers!(customers.Take(), cancellationToken);
                }
            }

            if (pending is { Count: > 0 })
            {
                await handlers.Lines(pending.Take(), cancellationToken);
            }

            if (customers is { Pending: > 0 })
            {
                await handOnCustomers!(customers.Take(), cancellationToken);
            }

            if (dataRows == 0)
            {
                warnings.Add("The file has a header but no data rows.");
            }

            if (summaries.Count > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Skipped {summaries.Count} totals row(s), so their amounts are not counted twice: row {summaries[0].Row} ('{summaries[0].Cell}'){(summaries.Count > 1 ? " and others" : string.Empty)}."));
            }

            warnings.AddRange(reader.Warnings);

            return new ExportParseResult
            {
                Format = format.Name,
                FormatEvidence = format.Evidence(header),
                Movements = reader.Movements,
                Documents = reader.Documents,
                Customers = merge?.Records ?? [],
                CustomerCount = customers?.Customers ?? 0,
                Spend = reader.Spend,
                Responses = reader.Responses,
                Rates = reader.Rates,
                Errors = errors,
                Warnings = warnings,
                DataRows = dataRows,
                BadRows = badRows,
                RefusalReason = BadRowRefusal(badRows, dataRows, options.MaxBadRowFraction),
                ReasonCode = BadRowRefusal(badRows, dataRows, options.MaxBadRowFraction) is null ? null : RefusalCodes.TooManyBadRows,
            };
        }
        catch (CsvFieldCountException exception)
        {
            return ExportParseResult.Refused(TooManyFields(layout.HeaderRow + exception.RecordLine, header), format: null, warnings, RefusalCodes.TooLarge);
        }
        catch (CsvRecordTooLargeException exception)
        {
            return ExportParseResult.Refused(RecordTooLarge(exception, row, header, layout), format: null, warnings, RefusalCodes.TooLarge);
        }
        catch (CsvFormatException)
        {
            return ExportParseResult.Refused(string.Create(CultureInfo.InvariantCulture,
                $"Row {row} cannot be read as CSV: a quote is misplaced or never closed. A value with the delimiter, a quote or a line break in it must be in double quotes, with quotes inside it doubled (\"\")."),
                format: null, warnings);
        }
    }

    /// <summary>The refusal of a file with more than <paramref name="limit"/> lines.</summary>
    public static string TooManyLines(long limit) => string.Create(CultureInfo.InvariantCulture,
        $"file too large: more than {limit:N0} lines, the limit is {limit:N0}; split it or raise Pipeline:MaxFileLines.");

    /// <summary>The refusal of a record (the header when <paramref name="header"/> is null) with more than <see cref="FieldCountGuardReader.MaxFields"/> fields.</summary>
    private static string TooManyFields(long row, CsvHeader? header) => header is null
        ? string.Create(CultureInfo.InvariantCulture,
            $"Too many columns: the header (row {row}) has more than {FieldCountGuardReader.MaxFields:N0} columns, and at most {MaxColumns:N0} are read (as in Excel). Remove the columns the export does not need and upload the file again.")
        : string.Create(CultureInfo.InvariantCulture,
            $"Too many fields: row {row} has more than {FieldCountGuardReader.MaxFields:N0} fields, the most one row may have (the header has {header.Written.Count:N0}). Check row {row} (a delimiter repeated, or the rest of a file run into one line) and upload the file again.");

    /// <summary>The refusal of a record longer than <see cref="MaxRecordChars"/>: the header, one field of a row, or a row of many fields.</summary>
    /// <param name="exception">Where the reader gave up: its row 0 is the header, its field the one that did not fit.</param>
    /// <param name="row">The line the record starts on.</param>
    /// <param name="header">The header, when it was read.</param>
    /// <param name="layout">The file's layout.</param>
    private static string RecordTooLarge(CsvRecordTooLargeException exception, long row, CsvHeader? header, CsvLayout layout)
    {
        if (exception.RowNumber == 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Line too long: the header (row {layout.HeaderRow}) is longer than {MaxRecordChars:N0} characters, the most one row may have: too many columns (at most {MaxColumns:N0} are read) or a column name that is too long. Remove the columns the export does not need and upload the file again.");
        }

        var columns = header?.Written.Count ?? int.MaxValue;
        if (exception.FieldOrdinal >= 0 && exception.FieldOrdinal < columns)
        {
            var column = header is null
                ? string.Create(CultureInfo.InvariantCulture, $"field {exception.FieldOrdinal + 1}")
                : string.Concat("column '", FieldLengthLimits.Shortened(header.Written[exception.FieldOrdinal]), "'");
            return string.Create(CultureInfo.InvariantCulture,
                $"Field too long: the value in {column} of row {row} is longer than {MaxRecordChars:N0} characters, the most one row may have. A quote that is never closed (so the rest of the file reads as one value) does this too: check row {row}, put each value that holds a quote in double quotes with its quotes doubled (\"\"), and upload the file again.");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"Line too long: row {row} is longer than {MaxRecordChars:N0} characters, the most one row may have (it has more fields than the header's {columns:N0}). Check row {row} and upload the file again.");
    }

    /// <summary>The columns the format reads, with the most characters each value may have.</summary>
    private static List<(CsvColumn Column, int Limit)> CheckedColumns(CsvHeader header, IExportFormat format)
    {
        var columns = new List<(CsvColumn Column, int Limit)>();
        for (var ordinal = 0; ordinal < header.Normalised.Count; ordinal++)
        {
            var name = header.Normalised[ordinal];
            if (name.Length > 0 && format.Reads(name))
            {
                columns.Add((new CsvColumn(ordinal, header.Written[ordinal]), format.MaxLength(name)));
            }
        }

        return columns;
    }

    /// <returns>False with the reason when no format matches or the matched format's header is unusable.</returns>
    private static bool TryDetect(
        CsvHeader header, IReadOnlyList<IExportFormat> formats,
        [NotNullWhen(true)] out IExportFormat? format, [NotNullWhen(false)] out string? fileError)
    {
        format = formats.FirstOrDefault(candidate => candidate.Recognises(header));
        fileError = format is null ? UnrecognisedFormat(header, formats) : HeaderProblem(header, format);
        return fileError is null;
    }

    private static string UnrecognisedFormat(CsvHeader header, IReadOnlyList<IExportFormat> formats) =>
        string.Concat("needs-mapping: no known export format or mapping profile recognises the header (columns ",
            header.Describe(), "). Known formats: ", string.Join("; ", formats.Select(candidate => candidate.Expectation)),
            ". For an export of another system, describe its columns in a mapping profile ",
            "(exports/{tenant}/_profiles/{name}.json) and drop the file again.");

    private static string? HeaderProblem(CsvHeader header, IExportFormat format)
    {
        var missing = format.MissingColumns(header);
        if (missing.Count > 0)
        {
            return string.Concat("missing required column", missing.Count == 1 ? " " : "s ", string.Join(", ", missing),
                " for ", format.Name, "; the file has columns ", header.Describe(), ". Add the missing column and upload the file again.");
        }

        var duplicates = header.Duplicates.Where(name => format.Reads(HeaderName.Normalise(name))).ToList();
        return duplicates.Count == 0
            ? null
            : string.Concat("the header has ", string.Join(", ", duplicates),
                " more than once, so it is unclear which to use; keep one column of each name and upload the file again.");
    }

    private static void AddUnknownColumnWarning(CsvHeader header, IExportFormat format, List<string> warnings)
    {
        var unknown = header.UnknownColumns(format.Reads);
        if (unknown.Count > 0)
        {
            warnings.Add(string.Concat("Ignored columns that ", format.Name, " does not use: ", string.Join(", ", unknown), "."));
        }
    }

    /// <summary>Line breaks in a raw record, its own ending included (a lone CR counts when there is no LF).</summary>
    private static int LineBreaks(ReadOnlySpan<char> raw)
    {
        var feeds = raw.Count('\n');
        return feeds > 0 ? feeds : raw.Count('\r');
    }

    /// <summary>The refusal when more than <paramref name="maxFraction"/> of the data rows are bad, else null.</summary>
    private static string? BadRowRefusal(int badRows, int dataRows, decimal maxFraction)
    {
        if (badRows <= maxFraction * dataRows)
        {
            return null;
        }

        var share = 100m * badRows / dataRows;
        return string.Create(CultureInfo.InvariantCulture,
            $"{badRows} of {dataRows} rows ({share:0.0} %) are bad; at most {100m * maxFraction:0.##} % may be");
    }
}
