namespace Pipeline.Api.Closes;

/// <summary>The answer to a reopen: the months reopened (the requested one and every later closed one), oldest first.</summary>
/// <param name="Month">The month requested.</param>
/// <param name="Reopened">The months reopened; a re-close writes each a new version.</param>
/// <param name="Reason">The reason recorded.</param>
/// <param name="ReopenedBy">Who reopened: the authenticated caller (<c>X-Pipeline-User</c> only in development mode None, else "api").</param>
public sealed record ReopenResponse(string Month, IReadOnlyList<string> Reopened, string Reason, string ReopenedBy);
