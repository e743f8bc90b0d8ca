namespace Pipeline.Api.Http;

/// <summary>One column of a <see cref="TabularTable"/>: its name (the JSON property name) and what its values are.</summary>
public sealed record TabularColumn(string Name, CellFormat Format = CellFormat.Value);
