namespace Pipeline.Application.Closes;

/// <summary>A read asked for figures as of a close version that cannot be given.</summary>
/// <param name="message">What was asked and why it cannot be given.</param>
/// <param name="versionExists">
/// False when the month has no such close version (a 404); true when it has, but its inputs can no longer be told apart
/// from the imports accepted since (a 409).
/// </param>
public sealed class CloseVersionUnavailableException(string message, bool versionExists) : Exception(message)
{
    public bool VersionExists { get; } = versionExists;
}
