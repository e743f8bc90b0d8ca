using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Domain;

namespace Pipeline.Storage.Json;

/// <summary>A <see cref="BillingMonth"/> as a <c>yyyy-MM</c> string.</summary>
internal sealed class BillingMonthJsonConverter : JsonConverter<BillingMonth>
{
    public override BillingMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BillingMonth.TryParse(reader.GetString(), out var month)
            ? month
            : throw new JsonException($"'{reader.GetString()}' is not a month: expected yyyy-MM.");

    public override void Write(Utf8JsonWriter writer, BillingMonth value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[7];
        value.TryFormat(text, out var length);
        writer.WriteStringValue(text[..length]);
    }
}
