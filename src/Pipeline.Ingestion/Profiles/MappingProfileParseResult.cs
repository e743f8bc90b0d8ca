using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Ingestion.Profiles;

/// <summary>A mapping profile read from JSON, or every problem that kept it from being one.</summary>
/// <param name="Profile">The profile; null when there are problems.</param>
/// <param name="Problems">Every problem found, in document order; empty when the profile is valid.</param>
public sealed record MappingProfileParseResult(MappingProfile? Profile, IReadOnlyList<MappingProfileProblem> Problems)
{
    [MemberNotNullWhen(true, nameof(Profile))]
    public bool IsValid => Profile is not null;
}
