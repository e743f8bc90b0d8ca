namespace Pipeline.Ingestion.Profiles;

/// <summary>A tenant's column mapping for a file no built-in format knows (dropped as <c>exports/{tenant}/_profiles/{name}.json</c>).</summary>
public sealed record MappingProfile
{
    /// <summary>The profile's name (the JSON file name without extension); reported as the format <c>profile:{name}</c>.</summary>
    public required string Name { get; init; }
}
