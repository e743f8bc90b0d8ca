using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Json;

/// <summary>
/// The JSON shape of every document the storage layer writes: camelCase, enums as names, months as <c>yyyy-MM</c>,
/// currencies as ISO 4217 codes.
/// </summary>
/// <remarks>Decimals are written with all their digits and read back exactly; instants keep their offset (UTC in practice).</remarks>
internal static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new BillingMonthJsonConverter());
        options.Converters.Add(new TenantIdJsonConverter());
        options.Converters.Add(new CurrencyCodeJsonConverter());
        options.Converters.Add(new ReadOnlyListJsonConverter<MrrPart>());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
