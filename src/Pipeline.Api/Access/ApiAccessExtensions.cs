using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.Api.Access;

/// <summary>Registers <see cref="ApiAccess"/> in a host, and puts it in front of mapped routes.</summary>
public static class ApiAccessExtensions
{
    /// <summary>
    /// <see cref="ApiAccessOptions"/> bound from <c>Pipeline:Auth</c> and validated at start-up, and <see cref="ApiAccess"/>.
    /// <paramref name="refuseOpenModeInAppService"/> is the Functions app's: <see cref="ApiAccessMode.None"/> stops it in App Service.
    /// </summary>
    public static IServiceCollection AddPipelineApiAccess(this IServiceCollection services, bool refuseOpenModeInAppService = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ApiAccessOptions>().BindConfiguration(ApiAccessOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiAccessOptions>>(provider =>
            new ApiAccessOptionsValidator(provider.GetRequiredService<IConfiguration>()) { RefuseOpenModeInAppService = refuseOpenModeInAppService });
        services.AddSingleton<ApiAccess>();
        return services;
    }

    /// <summary>Checks <paramref name="permission"/> on the route's <c>{tenant}</c> before the handler runs (the local host's routes).</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, ApiPermission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<ApiAccess>()
                .Authorize(context.HttpContext, context.HttpContext.GetRouteValue("tenant") as string, permission)
            ?? await next(context));
}
