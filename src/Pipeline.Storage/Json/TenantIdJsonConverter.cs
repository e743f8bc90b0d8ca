using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Domain;

namespace Pipeline.Storage.Json;

/// <summary>A <see cref="TenantId"/> as its slug string.</summary>
internal sealed class TenantIdJsonConverter : JsonConverter<TenantId>
{
    public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TenantId.TryParse(reader.GetString(), out var tenant)
            ? tenant
            : throw new JsonException($"'{reader.GetString()}' is not a tenant id.");

    public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
