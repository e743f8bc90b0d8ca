using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Domain;

namespace Pipeline.Storage.Json;

/// <summary>A <see cref="CurrencyCode"/> as its ISO 4217 code string (<c>"EUR"</c>); an unknown code fails the read.</summary>
internal sealed class CurrencyCodeJsonConverter : JsonConverter<CurrencyCode>
{
    public override CurrencyCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CurrencyCode.TryParse(reader.GetString(), out var currency)
            ? currency
            : throw new JsonException($"'{reader.GetString()}' is not an ISO 4217 currency code.");

    public override void Write(Utf8JsonWriter writer, CurrencyCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Code);
    }
}
