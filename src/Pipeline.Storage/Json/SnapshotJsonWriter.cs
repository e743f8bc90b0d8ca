using System.Text.Json;
using Pipeline.Domain.Metrics;

namespace Pipeline.Storage.Json;

/// <summary>
/// Writes the per-customer snapshot (<see cref="CustomerMonthEnd"/>) and drill-down (<see cref="CustomerMovement"/>)
/// arrays of a month byte for byte as <see cref="StorageJson"/> does, without the serializer's per-object work.
/// </summary>
/// <remarks>
/// A close writes one snapshot of every customer per month, so this is the hottest document the storage layer writes:
/// tens of thousands of rows a month, each with its MRR parts. Every property name is a UTF-8 literal with its quotes
/// and colon, and each value goes straight into a <see cref="JsonRowBuffer"/> with the serializer's escaping (the
/// default encoder), numbers (<see cref="decimal"/> with all its digits) and names (camelCase, enums by name, months
/// <c>yyyy-MM</c>, dates <c>yyyy-MM-dd</c> as the serializer writes a <see cref="DateOnly"/>). The documents are read
/// back with <see cref="StorageJson.Options"/>; a test keeps the bytes equal to the serializer's.
/// </remarks>
internal static class SnapshotJsonWriter
{
    private static readonly Dictionary<MovementType, byte[]> MovementNames =
        Enum.GetValues<MovementType>().ToDictionary(type => type, type => JsonEncodedText.Encode(type.ToString()).EncodedUtf8Bytes.ToArray());

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

    private static void Write<TRow>(Stream stream, IReadOnlyList<TRow> rows, Action<JsonRowBuffer, TRow> writeRow)
    {
        using var json = new JsonRowBuffer(stream);
        json.Raw("["u8);
        for (var index = 0; index < rows.Count; index++)
        {
            if (index > 0)
            {
                json.Raw(","u8);
            }

            writeRow(json, rows[index]);

            // Full buffers go to the stream as the serializer hands them, so a large snapshot is never held twice.
            json.RowEnded();
        }

        json.Raw("]"u8);
        json.Flush();
    }

    private static void WriteClosing(JsonRowBuffer json, CustomerMonthEnd row)
    {
        json.Raw("{\"customerId\":"u8);
        json.Text(row.CustomerId);
        json.Raw(",\"mrr\":"u8);
        json.Number(row.Mrr);
        json.Raw(",\"everPaid\":"u8);
        json.Flag(row.EverPaid);
        json.Raw(",\"parts\":["u8);
        var parts = row.Parts;
        for (var index = 0; index < parts.Count; index++)
        {
            // Indexed, not foreach: enumerating the list through its interface would allocate an enumerator per customer.
            var part = parts[index];
            json.Raw(index == 0 ? "{\"plan\":"u8 : ",{\"plan\":"u8);
            json.TextOrNull(part.Plan);
            json.Raw(",\"product\":"u8);
            json.TextOrNull(part.Product);
            json.Raw(",\"currency\":"u8);
            json.Text(part.Currency.Code);
            json.Raw(",\"nativeMrr\":"u8);
            json.Number(part.NativeMrr);
            json.Raw(",\"mrr\":"u8);
            json.Number(part.Mrr);
            json.Raw("}"u8);
        }

        json.Raw("],\"cohortMonth\":"u8);
        json.MonthOrNull(row.CohortMonth);
        json.Raw(",\"name\":"u8);
        json.TextOrNull(row.Name);
        json.Raw(",\"country\":"u8);
        json.TextOrNull(row.Country);
        json.Raw(",\"channel\":"u8);
        json.TextOrNull(row.Channel);
        json.Raw(",\"segment\":"u8);
        json.TextOrNull(row.Segment);
        json.Raw("}"u8);
    }

    private static void WriteMovement(JsonRowBuffer json, CustomerMovement row)
    {
        json.Raw("{\"customerId\":"u8);
        json.Text(row.CustomerId);
        json.Raw(",\"startMrr\":"u8);
        json.Number(row.StartMrr);
        json.Raw(",\"endMrr\":"u8);
        json.Number(row.EndMrr);
        json.Raw(",\"type\":\""u8);
        json.Raw(MovementNames[row.Type]);
        json.Raw("\",\"amount\":"u8);
        json.Number(row.Amount);
        json.Raw(",\"delinquent\":"u8);
        json.Flag(row.Delinquent);
        json.Raw(",\"subscribedAndChurned\":"u8);
        json.Flag(row.SubscribedAndChurned);
        json.Raw(",\"fxImpact\":"u8);
        json.Number(row.FxImpact);
        json.Raw(",\"late\":"u8);
        json.Flag(row.Late);
        json.Raw(",\"effectiveDate\":"u8);
        json.DateOrNull(row.EffectiveDate);
        json.Raw("}"u8);
    }
}
