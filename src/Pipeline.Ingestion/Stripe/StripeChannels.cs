namespace Pipeline.Ingestion.Stripe;

/// <summary>Normalises an acquisition-channel tag from Stripe metadata to the channel vocabulary (EXPORTS.md C3.1).</summary>
/// <remarks>
/// Apps write the tag as they like (<c>Google</c>, <c>adwords</c>, <c>facebook</c>, <c>LinkedIn</c>); the ad platforms'
/// names map onto the spend channels so CAC per channel joins customers to spend. Anything else is kept lower-cased
/// (<c>organic</c>, <c>referral</c>, a tenant's own label).
/// </remarks>
internal static class StripeChannels
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["google"] = "google_ads", ["adwords"] = "google_ads", ["google_ads"] = "google_ads", ["googleads"] = "google_ads",
        ["facebook"] = "meta_ads", ["instagram"] = "meta_ads", ["meta"] = "meta_ads", ["meta_ads"] = "meta_ads",
        ["facebook_ads"] = "meta_ads", ["linkedin"] = "linkedin_ads", ["linkedin_ads"] = "linkedin_ads",
        ["bing"] = "microsoft_ads", ["microsoft"] = "microsoft_ads", ["microsoft_ads"] = "microsoft_ads", ["bing_ads"] = "microsoft_ads",
    };

    public static string Normalise(ReadOnlySpan<char> written)
    {
        var lower = written.Trim().ToString().ToLowerInvariant();
        var key = lower.Replace(' ', '_').Replace('-', '_');
        return Known.TryGetValue(key, out var channel) ? channel : lower;
    }
}
