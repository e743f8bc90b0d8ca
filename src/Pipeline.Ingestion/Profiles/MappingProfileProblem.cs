namespace Pipeline.Ingestion.Profiles;

/// <summary>One problem with a mapping profile's JSON.</summary>
/// <param name="Path">Where it is, as a JSON path: <c>$.columns.amount</c>, <c>$.lineTypes.Abonnement</c>.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record MappingProfileProblem(string Path, string Message)
{
    public override string ToString() => string.Concat(Path, ": ", Message);
}
