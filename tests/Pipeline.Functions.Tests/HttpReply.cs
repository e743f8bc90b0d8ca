using System.Text.Json;

namespace Pipeline.Functions.Tests;

/// <summary>A response as a client receives it.</summary>
internal sealed record HttpReply(int StatusCode, string? ContentType, string Body)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }
}
