using Microsoft.AspNetCore.Http;
using Pipeline.Api.Http;

namespace Pipeline.Api.Dashboard;

/// <summary><c>GET /api/dashboard/{*path}</c>: the dashboard's static files, from the <c>dashboard</c> folder next to the app.</summary>
/// <remarks>
/// Both hosts serve the page this way (the local host also at <c>/</c>). The files hold no key or setting: the page
/// calls <c>/api/…</c> like any other client and gets the same 401/403 answers. Only the folder's files are served,
/// with the content type of their extension; anything else is 404.
/// </remarks>
public static class DashboardEndpoints
{
    /// <summary>The folder next to the app's binaries that the build fills (src/dashboard and the chart library).</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "dashboard");

    /// <summary>
    /// What the page may load: its own files and the API only (no CDN, no other origin); charts set inline styles.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static IResult Get(string? path, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (string.IsNullOrEmpty(path))
        {
            // The page's own files are relative to it, so it must be read from the folder's address.
            var requested = request.HttpContext.Request.Path.Value ?? string.Empty;
            if (!requested.EndsWith('/'))
            {
                return Results.Redirect($"/{ApiRoutes.Prefix}/dashboard/");
            }

            path = "index.html";
        }

        var root = Path.GetFullPath(Folder) + Path.DirectorySeparatorChar;
        var file = Path.GetFullPath(Path.Combine(root, path));
        return file.StartsWith(root, StringComparison.Ordinal) && File.Exists(file) && ContentTypes.TryGetValue(Path.GetExtension(file), out var type)
            ? Results.File(file, type)
            : ApiProblems.NotFound($"The dashboard has no file '{path}'.");
    }
}
