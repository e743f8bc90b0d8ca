using Azure.Core;
using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;

namespace Pipeline.Functions;

/// <summary>Application Insights for the isolated worker: the pipeline's logs, dependencies and exceptions.</summary>
/// <remarks>
/// <para>
/// The worker sends its telemetry straight to Application Insights (<c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>),
/// correlated with the host's request and invocation telemetry by <c>ConfigureFunctionsApplicationInsights</c>.
/// host.json governs the host's logs only; the worker's levels are the <c>Logging</c> configuration section
/// (<c>Logging__LogLevel__Default</c> …) and the filters below.
/// </para>
/// <para>
/// The Application Insights resource has local (key) authentication disabled, so telemetry must carry an Entra ID
/// token. The same <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> the host reads
/// (<c>ClientId={client id};Authorization=AAD</c>) selects the managed identity here. Without it (local runs) the
/// SDK sends unauthenticated telemetry, or nothing when no connection string is set.
/// </para>
/// </remarks>
public static class FunctionsTelemetry
{
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IHostApplicationBuilder AddFunctionsTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

        if (ManagedIdentityFor(builder.Configuration[AuthenticationStringSetting]) is { } credential)
        {
            builder.Services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(credential));
        }

        // The Application Insights SDK registers a rule that keeps only Warning and above for its logger provider;
        // drop it so the pipeline's Information logs (imports, closes, sweeps) reach Application Insights too.
        builder.Services.Configure<LoggerFilterOptions>(options =>
        {
            var providerRule = options.Rules.FirstOrDefault(rule =>
                string.Equals(rule.ProviderName, typeof(ApplicationInsightsLoggerProvider).FullName, StringComparison.Ordinal));
            if (providerRule is not null)
            {
                options.Rules.Remove(providerRule);
            }
        });

        // The Azure SDK logs every request at Information; its warnings and errors are what matter.
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        return builder;
    }

    /// <summary>
    /// The managed identity an <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> asks for:
    /// <c>Authorization=AAD</c> with an optional <c>ClientId</c> (a user-assigned identity); null without <c>Authorization=AAD</c>.
    /// </summary>
    public static TokenCredential? ManagedIdentityFor(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        string? clientId = null;
        var entraId = false;
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var key = part[..separator].Trim();
            var value = part[(separator + 1)..].Trim();
            if (string.Equals(key, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                entraId = string.Equals(value, "AAD", StringComparison.OrdinalIgnoreCase);
            }
            else if (string.Equals(key, "ClientId", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                clientId = value;
            }
        }

        if (!entraId)
        {
            return null;
        }

        return new ManagedIdentityCredential(clientId is null
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
