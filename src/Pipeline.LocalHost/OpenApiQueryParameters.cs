using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Pipeline.Api.Movements;
using Pipeline.Api.Payments;
using Pipeline.Api.Receivables;
using Pipeline.Application.Clv;
using Pipeline.Application.Receivables;
using Pipeline.Domain.Metrics;

namespace Pipeline.LocalHost;

/// <summary>Describes each operation's query parameters in the OpenAPI document, so client generators and BI tools see them.</summary>
/// <remarks>
/// The handlers read their query strings themselves (one <c>HttpRequest → IResult</c> shape for both hosts), so the
/// generator cannot infer them; this table, keyed by the operations' names (<c>WithName</c> in <c>PipelineApi</c>),
/// adds them with their types, patterns and allowed values. Dimension lists come from the same constants the handlers
/// validate against; a test calls every documented value on a running host and expects no 400.
/// </remarks>
internal static class OpenApiQueryParameters
{
    private const string MonthPattern = "^[0-9]{4}-(0[1-9]|1[0-2])$";
    private const string DayPattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

    private static readonly Parameter[] Tabular =
    [
        Text("format", "json (default), csv (invariant, for tools), csv-excel (BOM, sep= line, the culture's separators) or xlsx (a typed workbook).", "json", "csv", "csv-excel", "xlsx"),
        Text("culture", "With format=csv-excel: the culture whose list separator and decimal comma Excel expects, such as nl-NL or de-DE (default en-US)."),
    ];

    private static readonly Parameter[] Paging =
    [
        Whole("offset", "Rows to skip (default 0); with limit, the response has X-Total-Count and a Link rel=\"next\".", 0),
        Whole("limit", "At most this many rows (default: all).", 1),
    ];

    private static readonly Parameter[] MonthRange =
    [
        Month("from", "First month (yyyy-MM, inclusive); default the first month with data."),
        Month("to", "Last month (yyyy-MM, inclusive); default the current month."),
    ];

    private static readonly Parameter AsOf = Month("asOf", "The month whose end the figures are at (yyyy-MM); default the latest ended month.");

    private static readonly Parameter Version = Whole("version", "A closed month's close version n (1, 2, …); default the current one.", 1);

    private static readonly Dictionary<string, Parameter[]> ByOperation = new(StringComparer.Ordinal)
    {
        ["ListKpis"] = [.. MonthRange, Text("by", "Segment rows of one dimension instead of the headline rows (valueSegment is computed on read: its first read of a month range can take seconds).", [.. SegmentDimensions.Kpi]), .. Tabular],
        ["GetKpis"] = [Version, .. Tabular],
        ["ListKpiVersions"] = Tabular,
        ["ListCohorts"] = [.. MonthRange, Text("metric", "logo (customers, default) or revenue (MRR) retention.", "logo", "revenue"), .. Tabular],
        ["ListClv"] = [AsOf, Version, ClvBy(ClvQueryService.Dimensions), .. Tabular],
        ["ListClvForecast"] = [AsOf, Version, ClvBy(ClvQueryService.Dimensions), Whole("months", "Months ahead, 1 to 36 (default 36).", 1, 36), .. Tabular],
        ["ListClvPurchases"] =
        [
            Text("calibrationEnd", "The last day of the calibration period (yyyy-MM-dd); default the last day of the latest ended month.", pattern: DayPattern),
            Text("unit", "The time unit of the fit (default week).", "day", "week", "month"),
            ClvBy(ClvQueryService.Dimensions),
            .. Tabular,
        ],
        ["ListCustomers"] =
        [
            AsOf, Version, ClvBy(CustomerValueQueryService.Dimensions),
            Text("segment", "Only the customers of this group of the by= dimension."),
            Text("sort", "Order of the rows (default customerId).", [.. CustomerValueQueryService.SortKeys]),
            .. Paging, .. Tabular,
        ],
        ["GetCustomer"] = [AsOf, Version, ClvBy(CustomerValueQueryService.Dimensions)],
        ["ListReceivables"] =
        [
            AsOf, Version, ClvBy(ReceivablesQueryService.Dimensions),
            Text("per", "One row per segment (default), customer or invoice.", [.. ReceivablesEndpoints.Levels]),
            Text("segment", "Only this group of the by= dimension."),
            .. Tabular,
        ],
        ["ListLoyalty"] =
        [
            .. MonthRange, Text("by", "Segment rows of one dimension instead of the headline rows.", [.. SegmentDimensions.All]),
            Whole("version", "With from = to, a closed month's close version n.", 1), .. Tabular,
        ],
        ["ListMovements"] =
        [
            Text("type", "Only the customers of one movement.", [.. MovementEndpoints.Types]),
            .. Paging, .. Tabular,
        ],
        ["ListPayments"] =
        [
            .. MonthRange,
            Text("type", "Only one kind of money movement.", [.. PaymentEndpoints.Types]),
            Text("by", "month: totals per month and currency instead of the movements.", "month"),
            .. Tabular,
        ],
        ["ListImports"] = Tabular,
        ["ListImportErrors"] = [Whole("offset", "Errors to skip (default 0).", 0), Whole("limit", "At most this many errors (default 100, at most 1000).", 0, 1_000)],
        ["ListCloses"] = Tabular,
        ["BreakCloseLease"] = [Text("reason", "Why the lease is broken (required); recorded in the close audit trail.") with { Required = true }],
    };

    /// <summary>The operation names that get parameters here (for tests).</summary>
    public static IReadOnlyCollection<string> Operations => ByOperation.Keys;

    /// <summary>Adds the query parameters of the operation named like its endpoint.</summary>
    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
        if (name is null || !ByOperation.TryGetValue(name, out var parameters))
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        foreach (var parameter in parameters)
        {
            operation.Parameters.Add(parameter.ToOpenApi());
        }

        return Task.CompletedTask;
    }

    private static Parameter ClvBy(IReadOnlyList<string> dimensions) =>
        Text("by", "One row per group of this dimension (default: all customers as one group).", [.. dimensions]);

    private static Parameter Month(string name, string description) => Text(name, description, pattern: MonthPattern);

    private static Parameter Text(string name, string description, params string[] values) => new(name, description, JsonSchemaType.String, values, null, null, null);

    private static Parameter Text(string name, string description, string pattern) => new(name, description, JsonSchemaType.String, [], pattern, null, null);

    private static Parameter Whole(string name, string description, int minimum, int? maximum = null) =>
        new(name, description, JsonSchemaType.Integer, [], null, minimum, maximum);

    private sealed record Parameter(
        string Name, string Description, JsonSchemaType Type, string[] Values, string? Pattern, int? Minimum, int? Maximum)
    {
        public bool Required { get; init; }

        public OpenApiParameter ToOpenApi() => new()
        {
            Name = Name,
            In = ParameterLocation.Query,
            Description = Description,
            Required = Required,
            Schema = new OpenApiSchema
            {
                Type = Type,
                Pattern = Pattern,
                Minimum = Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Maximum = Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Enum = Values.Length == 0 ? null : [.. Values.Select(value => (JsonNode)JsonValue.Create(value))],
            },
        };
    }
}
