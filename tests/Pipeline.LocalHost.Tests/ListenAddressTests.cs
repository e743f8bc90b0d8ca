using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>
/// The local host listens where the conventional settings say (<c>ASPNETCORE_URLS</c>, <c>--urls</c>) and on
/// <see cref="LocalHostApplication.DefaultUrl"/> only when nothing says where: checked on the built host run as a
/// process, as run.sh (<c>PIPELINE_URL</c>) and process managers start it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ListenAddressTests(AzuriteInstance azurite)
{
    [Fact]
    public async Task AspNetCoreUrls_TheHostListensThere()
    {
        var url = Loopback(LocalHostProcess.FreePort());
        await using var host = LocalHostProcess.Start(azurite.ConnectionString, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = url });

        var health = await host.WaitForAsync(new Uri($"{url}/api/health"));

        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Contains($"Now listening on: {url}", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(":7071", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlsArgument_WinsOverAspNetCoreUrls()
    {
        var fromEnvironment = Loopback(LocalHostProcess.FreePort());
        var fromArgument = Loopback(LocalHostProcess.FreePort());
        await using var host = LocalHostProcess.Start(
            azurite.ConnectionString, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = fromEnvironment }, "--urls", fromArgument);

        var health = await host.WaitForAsync(new Uri($"{fromArgument}/api/health"));

        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Contains($"Now listening on: {fromArgument}", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(fromEnvironment, host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("urls", "http://127.0.0.1:8080", true)]
    [InlineData("http_ports", "8080", true)]
    [InlineData("https_ports", "8443", true)]
    [InlineData("Kestrel:Endpoints:Api:Url", "http://127.0.0.1:8080", true)]
    [InlineData("Pipeline:ReportingCurrency", "EUR", false)]
    public void ConfiguresListenAddresses_OnlyASettingThatSaysWhereToListenKeepsTheDefaultOut(string? key, string? value, bool expected)
    {
        var settings = key is null ? [] : new Dictionary<string, string?> { [key] = value };

        var configures = LocalHostApplication.ConfiguresListenAddresses(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Equal(expected, configures);
    }

    [Fact]
    public async Task NothingSaysWhereToListen_TheHostIsSetTo7071()
    {
        // Without the environment variable sources (the test process's own variables must not decide this test).
        await using var app = LocalHostApplication.Create([], builder =>
        {
            foreach (var source in builder.Configuration.Sources.OfType<EnvironmentVariablesConfigurationSource>().ToList())
            {
                builder.Configuration.Sources.Remove(source);
            }
        });

        Assert.Equal("http://localhost:7071", app.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    private static string Loopback(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
}
