namespace Pipeline.Api.Http;

/// <summary>Marks a tabular row property as a month or a rate, so <c>format=xlsx</c> writes a date or a percentage cell.</summary>
/// <remarks>JSON and CSV are unchanged by it: a month stays <c>yyyy-MM</c> text and a rate a fraction.</remarks>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CellFormatAttribute(CellFormat format) : Attribute
{
    public CellFormat Format { get; } = format;
}
