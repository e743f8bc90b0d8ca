using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Pipeline.Application.Imports;

/// <summary>
/// A message of the blob trigger's <c>webjobs-blobtrigger-poison</c> queue: the blob version whose function kept
/// failing. Documented as a JSON object with <c>FunctionId</c> (<c>{app}.Functions.{function}</c>), <c>BlobType</c>,
/// <c>ContainerName</c>, <c>BlobName</c> and <c>ETag</c> (a blob version such as <c>0x8D1DC6E70A277EF</c>).
/// </summary>
/// <param name="ContainerName">The container of the blob.</param>
/// <param name="BlobName">The blob's name inside the container.</param>
/// <param name="ETag">The blob version the trigger gave up on, unquoted as the inbox lists it.</param>
/// <param name="FunctionId">The function that failed, when given.</param>
public sealed record PoisonBlobMessage(string ContainerName, string BlobName, string ETag, string? FunctionId)
{
    /// <summary>The name of the queue the blob trigger moves a blob to after its last failed attempt.</summary>
    public const string QueueName = "webjobs-blobtrigger-poison";

    /// <summary>Reads a poison message; false when it is not JSON or lacks the container, blob name or ETag.</summary>
    /// <remarks>Property names are matched case-insensitively; unknown properties are ignored.</remarks>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PoisonBlobMessage? message)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var root = document.RootElement;
            var container = Text(root, "ContainerName");
            var blobName = Text(root, "BlobName");
            var etag = Text(root, "ETag")?.Trim('"');
            if (string.IsNullOrWhiteSpace(container) || string.IsNullOrWhiteSpace(blobName) || string.IsNullOrWhiteSpace(etag))
            {
                return false;
            }

            message = new PoisonBlobMessage(container, blobName, etag, Text(root, "FunctionId"));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
        }

        return null;
    }
}
