using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pipeline.Domain;

namespace Pipeline.Api.Access;

/// <summary>Start-up checks of <see cref="ApiAccessOptions"/>: every read-key tenant is a tenant id, every value a <c>sha256:</c> hash.</summary>
/// <remarks>
/// A key pasted where its hash belongs would both fail to work and sit in the settings in clear, so it stops the
/// host with the setting named, never its value. <see cref="RefuseOpenModeInAppService"/> (the Functions app) also
/// refuses <see cref="ApiAccessMode.None"/> when the host runs in App Service (<c>WEBSITE_SITE_NAME</c> is set), so a
/// deployment cannot end up open to anyone by a missing setting.
/// </remarks>
public sealed class ApiAccessOptionsValidator(IConfiguration configuration) : IValidateOptions<ApiAccessOptions>
{
    /// <summary>Whether <see cref="ApiAccessMode.None"/> is refused when <c>WEBSITE_SITE_NAME</c> is set.</summary>
    public bool RefuseOpenModeInAppService { get; init; }

    public ValidateOptionsResult Validate(string? name, ApiAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (RefuseOpenModeInAppService && options.Mode == ApiAccessMode.None && !string.IsNullOrEmpty(configuration["WEBSITE_SITE_NAME"]))
        {
            failures.Add(
                $"{ApiAccessOptions.SectionName}:Mode is None in App Service: every route would be open to anyone. "
                + "Set Pipeline__Auth__Mode to EasyAuth (or ReadKeys); None is for local development only.");
        }

        foreach (var (tenant, consumers) in options.ReadKeys)
        {
            if (!TenantId.TryParse(tenant, out _))
            {
                failures.Add($"{ApiAccessOptions.SectionName}:ReadKeys:{tenant} is not a tenant id: use lower-case letters, digits and hyphens.");
            }

            foreach (var (consumer, hash) in consumers ?? [])
            {
                if (!ReadKey.TryParseHash(hash, out _))
                {
                    failures.Add(
                        $"{ApiAccessOptions.SectionName}:ReadKeys:{tenant}:{consumer} is not a key hash: expected {ReadKey.HashPrefix} and 64 lower-case "
                        + "hex digits (the SHA-256 of the key, never the key itself).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
