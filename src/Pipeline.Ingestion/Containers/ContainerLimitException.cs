namespace Pipeline.Ingestion.Containers;

/// <summary>A container (zip member, workbook part) broke a bound while it was read: the file is refused with this message.</summary>
/// <remarks>
/// Thrown from inside a read, where only the stream knows the bound was crossed, and caught by the container's reader,
/// which turns it into a refusal with <see cref="ReasonCode"/>. Its own type, because the refusal's message and code
/// are decided where it is thrown, unlike a broken container's (<see cref="InvalidDataException"/>).
/// </remarks>
internal sealed class ContainerLimitException(string message, string reasonCode) : Exception(message)
{
    /// <summary>The refusal code: <see cref="RefusalCodes.TooLarge"/> for a bound, <see cref="RefusalCodes.Unreadable"/> for a lie.</summary>
    public string ReasonCode { get; } = reasonCode;
}
