using Pipeline.Domain;

namespace Pipeline.Storage;

/// <summary>Optional months in Table Storage: <c>yyyy-MM</c>, or no property when absent.</summary>
internal static class StoredMonth
{
    public static string? Format(BillingMonth? month) => month?.ToString();

    public static BillingMonth? Parse(string? value) => value is null ? null : BillingMonth.Parse(value);
}
