using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Storage.Json;

/// <summary>An <see cref="IReadOnlyList{T}"/> as a JSON array; an empty array reads back as the shared empty list.</summary>
/// <remarks>
/// Domain records default such lists to <c>[]</c>, the shared empty array, and compare them by reference: reading
/// an empty array as that same instance keeps a record without items equal to the one that was written.
/// </remarks>
internal sealed class ReadOnlyListJsonConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var items = JsonSerializer.Deserialize<List<T>>(ref reader, options)
            ?? throw new JsonException($"Expected an array of {typeof(T).Name}, got null.");
        IReadOnlyList<T> empty = [];
        return items.Count == 0 ? empty : items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, options);
        }

        writer.WriteEndArray();
    }
}
