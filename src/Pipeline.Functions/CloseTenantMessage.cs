using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Pipeline.Application.Closes;
using Pipeline.Domain;

namespace Pipeline.Functions;

/// <summary>A message of the <c>closes</c> queue: close one tenant's due months through <see cref="Through"/>.</summary>
/// <remarks>
/// JSON, <c>{"tenant":"acme","through":"2025-07"}</c>, so a message on the poison queue tells ops which tenant and
/// month at a glance. The month is fixed when the timer enqueues it: a message retried later still closes exactly
/// what was due then, and the next timer run catches up on anything that fell due since.
/// </remarks>
/// <param name="Tenant">The tenant to close.</param>
/// <param name="Through">Its latest due month when the message was enqueued.</param>
public sealed record CloseTenantMessage(TenantId Tenant, BillingMonth Through)
{
    /// <summary>The queue <see cref="CloseMonthsFunction"/> fills and <see cref="CloseTenantFunction"/> drains (data account).</summary>
    public const string QueueName = "closes";

    /// <summary>Where the runtime moves a message after <c>extensions.queues.maxDequeueCount</c> failed attempts.</summary>
    public const string PoisonQueueName = QueueName + "-poison";

    public static CloseTenantMessage From(DueClose due)
    {
        ArgumentNullException.ThrowIfNull(due);
        return new CloseTenantMessage(due.Tenant, due.Through);
    }

    /// <summary>Reads a message; false when it is not a JSON object with a valid <c>tenant</c> and <c>through</c> month.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CloseTenantMessage? message)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            var body = JsonSerializer.Deserialize<Body>(text, JsonSerializerOptions.Web);
            if (TenantId.TryParse(body?.Tenant, out var tenant) && BillingMonth.TryParse(body?.Through, out var through))
            {
                message = new CloseTenantMessage(tenant, through);
                return true;
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The message text, as <see cref="TryParse"/> reads it.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Body(Tenant.Value, Through.ToString()), JsonSerializerOptions.Web);

    private sealed record Body(string? Tenant, string? Through);
}
