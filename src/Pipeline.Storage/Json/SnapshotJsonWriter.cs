using System.Globalization;
using System.Text.Json;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Json;

/// <summary>
/// Writes the per-customer snapshot (<see cref="CustomerMonthEnd"/>) and drill-down (<see cref="CustomerMovement"/>)
/// arrays of a month byte for byte as <see cref="StorageJson"/> does, without the serializer's per-object work.
/// </summary>
/// <remarks>
/// A close writes one snapshot of every customer per month, so this is the hottest document the storage layer writes:
/// tens of thousands of rows a month, each with its MRR parts. The serializer resolved the parts' converter for every
/// part; here every property name is encoded once and each value goes straight to the <see cref="Utf8JsonWriter"/>, with
/// the same escaping (the writer's default encoder, as the serializer's), numbers (<see cref="decimal"/> with all its
/// digits) and names (camelCase, enums by name, months <c>yyyy-MM</c>, dates <c>yyyy-MM-dd</c> as the serializer writes a <see cref="DateOnly"/>). The documents are read
/// back with <see cref="StorageJson.Options"/>; a test keeps the bytes equal to the serializer's.
/// </remarks>
internal static class SnapshotJsonWriter
{
    private static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customerId");
    private static readonly JsonEncodedText Mrr = JsonEncodedText.Encode("mrr");
    private static readonly JsonEncodedText EverPaid = JsonEncodedText.Encode("everPaid");
    private static readonly JsonEncodedText Parts = JsonEncodedText.Encode("parts");
    private static readonly JsonEncodedText Plan = JsonEncodedText.Encode("plan");
    private static readonly JsonEncodedText Product = JsonEncodedText.Encode("product");
    private static readonly JsonEncodedText Currency = JsonEncodedText.Encode("currency");
    private static readonly JsonEncodedText NativeMrr = JsonEncodedText.Encode("nativeMrr");
    private static readonly JsonEncodedText CohortMonth = JsonEncodedText.Encode("cohortMonth");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Country = JsonEncodedText.Encode("country");
    private static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText Segment = JsonEncodedText.Encode("segment");
    private static readonly JsonEncodedText StartMrr = JsonEncodedText.Encode("startMrr");
    private static readonly JsonEncodedText EndMrr = JsonEncodedText.Encode("endMrr");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Amount = JsonEncodedText.Encode("amount");
    private static readonly JsonEncodedText Delinquent = JsonEncodedText.Encode("delinquent");
    private static readonly JsonEncodedText SubscribedAndChurned = JsonEncodedText.Encode("subscribedAndChurned");
    private static readonly JsonEncodedText FxImpact = JsonEncodedText.Encode("fxImpact");
    private static readonly JsonEncodedText Late = JsonEncodedText.Encode("late");
    private static readonly JsonEncodedText EffectiveDate = JsonEncodedText.Encode("effectiveDate");

    private static readonly Dictionary<MovementType, JsonEncodedText> MovementNames =
        Enum.GetValues<MovementType>().ToDictionary(type => type, type => JsonEncodedText.Encode(type.ToString()));

    /// <summary>Writes <paramref name="value"/> when it is a snapshot or drill-down list; false for any other document.</summary>
    public static bool TryWrite<T>(Stream stream, T value)
    {
        switch (value)
        {
            case IReadOnlyList<CustomerMonthEnd> closing:
                Write(stream, closing, WriteClosing);
                return true;
            case IReadOnlyList<CustomerMovement> movements:
                Write(stream, movements, WriteMovement);
                return true;
            default:
                return false;
        }
    }

    private static void Write<TRow>(Stream stream, IReadOnlyList<TRow> rows, Action<Utf8JsonWriter, TRow> writeRow)
    {
        // The structure is fixed here and checked by the tests against the serializer, so the writer need not validate it.
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            writeRow(writer, row);

            // Hand full buffers to the stream as the serializer does, so a large snapshot is never held twice.
            if (writer.BytesPending > 64 * 1024)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    private static void WriteClosing(Utf8JsonWriter writer, CustomerMonthEnd row)
    {
        writer.WriteStartObject();
        writer.WriteString(CustomerId, row.CustomerId);
        writer.WriteNumber(Mrr, row.Mrr);
        writer.WriteBoolean(EverPaid, row.EverPaid);
        writer.WriteStartArray(Parts);
        var parts = row.Parts;
        for (var index = 0; index < parts.Count; index++)
        {
            // Indexed, not foreach: enumerating the list through its interface would allocate an enumerator per customer.
            var part = parts[index];
            writer.WriteStartObject();
            WriteNullable(writer, Plan, part.Plan);
            WriteNullable(writer, Product, part.Product);
            writer.WriteString(Currency, part.Currency.Code);
            writer.WriteNumber(NativeMrr, part.NativeMrr);
            writer.WriteNumber(Mrr, part.Mrr);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteMonth(writer, CohortMonth, row.CohortMonth);
        WriteNullable(writer, Name, row.Name);
        WriteNullable(writer, Country, row.Country);
        WriteNullable(writer, Channel, row.Channel);
        WriteNullable(writer, Segment, row.Segment);
        writer.WriteEndObject();
    }

    private static void WriteMovement(Utf8JsonWriter writer, CustomerMovement row)
    {
        writer.WriteStartObject();
        writer.WriteString(CustomerId, row.CustomerId);
        writer.WriteNumber(StartMrr, row.StartMrr);
        writer.WriteNumber(EndMrr, row.EndMrr);
        writer.WriteString(Type, MovementNames[row.Type]);
        writer.WriteNumber(Amount, row.Amount);
        writer.WriteBoolean(Delinquent, row.Delinquent);
        writer.WriteBoolean(SubscribedAndChurned, row.SubscribedAndChurned);
        writer.WriteNumber(FxImpact, row.FxImpact);
        writer.WriteBoolean(Late, row.Late);
        WriteNullable(writer, EffectiveDate, row.EffectiveDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        writer.WriteEndObject();
    }

    /// <summary>A month as <c>yyyy-MM</c>, written without a string per row; null as null.</summary>
    private static void WriteMonth(Utf8JsonWriter writer, JsonEncodedText property, BillingMonth? month)
    {
        if (month is not { } value)
        {
            writer.WriteNull(property);
            return;
        }

        Span<byte> text = stackalloc byte[7];
        value.TryFormat(text, out var length);
        writer.WriteString(property, text[..length]);
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText property, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(property);
        }
        else
        {
            writer.WriteString(property, value);
        }
    }
}
