using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Pipeline.LocalHost;

/// <summary>Brotli and gzip for every JSON, CSV and ProblemDetails response of the local host, over HTTP and HTTPS.</summary>
/// <remarks>
/// The read endpoints compress their own bodies (Pipeline.Api's tabular results, so the Functions app does too), and this
/// middleware leaves a body that already has a <c>Content-Encoding</c> alone; it covers the other responses (imports,
/// closes, the OpenAPI document). HTTPS is on: the bodies hold no secret echoed from the request (BREACH needs one).
/// Fastest levels, as the bodies are small and CPU is the host's scarce resource.
/// </remarks>
public static class ResponseCompressionExtensions
{
    public static IServiceCollection AddPipelineResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "text/csv", "application/problem+json"];
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }
}
