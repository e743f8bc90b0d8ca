namespace Pipeline.Api.Http;

/// <summary>
/// Spreads a list property of a tabular row over <see cref="Count"/> CSV columns, <c>name1</c> … <c>nameN</c>, one
/// element each and empty past the list's end (<see cref="TabularResults.ToCsv"/>); JSON keeps the list.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CsvColumnsAttribute(int count) : Attribute
{
    /// <summary>How many columns the list takes in CSV.</summary>
    public int Count { get; } = count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "At least one column.");
}
