namespace Pipeline.Api.Http;

/// <summary>The representations of a tabular response (<c>format=</c>).</summary>
public enum TabularFormatKind
{
    /// <summary><c>json</c>, the default: an array of row objects.</summary>
    Json,

    /// <summary><c>csv</c>: invariant CSV (<c>,</c> and <c>.</c>), UTF-8 without a BOM, for scripts and BI tools.</summary>
    Csv,

    /// <summary><c>csv-excel</c>: CSV that Excel opens by double-click: a UTF-8 BOM, a <c>sep=</c> line, the <c>culture=</c>'s separators.</summary>
    CsvExcel,

    /// <summary><c>xlsx</c>: one worksheet with typed cells (numbers, dates, percentages).</summary>
    Xlsx,
}
