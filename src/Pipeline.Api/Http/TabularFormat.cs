using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Api.Http;

/// <summary>The representation a request asked for: <c>format=json|csv|csv-excel|xlsx</c> (with <c>culture=</c> for csv-excel), or its <c>Accept</c> header.</summary>
public sealed record TabularFormat(TabularFormatKind Kind, CsvCulture Culture)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static TabularFormat Json { get; } = new(TabularFormatKind.Json, CsvCulture.Invariant);

    public static TabularFormat Csv { get; } = new(TabularFormatKind.Csv, CsvCulture.Invariant);

    public bool IsJson => Kind == TabularFormatKind.Json;

    /// <summary>Reads <c>format</c> and <c>culture</c>; a 400 problem for an unknown format or a malformed culture.</summary>
    /// <remarks>Without <c>format</c>, <c>Accept: text/csv</c> asks for CSV and the spreadsheet media type for XLSX.</remarks>
    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out TabularFormat? format, [NotNullWhen(false)] out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        format = null;
        problem = null;
        var text = request.Query["format"].ToString();
        var kind = text.ToLowerInvariant() switch
        {
            "" => FromAccept(request),
            "json" => TabularFormatKind.Json,
            "csv" => TabularFormatKind.Csv,
            "csv-excel" => TabularFormatKind.CsvExcel,
            "xlsx" => TabularFormatKind.Xlsx,
            _ => (TabularFormatKind?)null,
        };
        if (kind is not { } chosen)
        {
            problem = ApiProblems.BadRequest($"format '{text}' is not supported: use json, csv, csv-excel or xlsx.");
            return false;
        }

        var cultureText = request.Query["culture"].ToString();
        if (!CsvCulture.TryParse(cultureText, out var culture))
        {
            problem = ApiProblems.BadRequest($"culture '{cultureText}' is not a culture name: expected a language and region such as nl-NL, de-DE or en-US.");
            return false;
        }

        format = new TabularFormat(chosen, chosen == TabularFormatKind.CsvExcel ? culture : CsvCulture.Invariant);
        return true;
    }

    private static TabularFormatKind FromAccept(HttpRequest request)
    {
        bool Accepts(string mediaType) =>
            request.Headers.Accept.Any(value => value?.Contains(mediaType, StringComparison.OrdinalIgnoreCase) == true);
        return Accepts("text/csv") ? TabularFormatKind.Csv : Accepts(XlsxContentType) ? TabularFormatKind.Xlsx : TabularFormatKind.Json;
    }
}
