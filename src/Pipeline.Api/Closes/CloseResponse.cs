namespace Pipeline.Api.Closes;

/// <summary>The answer to a close request: what this request closed, and the state of every month through it.</summary>
/// <param name="Through">The month requested.</param>
/// <param name="ClosedNow">Months this request closed, oldest first; empty when they were all closed already.</param>
/// <param name="Closes">Every close record through <paramref name="Through"/>, oldest first.</param>
public sealed record CloseResponse(string Through, IReadOnlyList<string> ClosedNow, IReadOnlyList<CloseRow> Closes);
