using System.Net;
using System.Text;
using Pipeline.Api.Access;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests;

/// <summary>
/// <c>PUT /api/tenants/{tenant}/exports/{fileName}</c> on the real host: the file lands in <c>exports/{tenant}/</c> and is
/// ingested like any drop; a taken name is 409 and leaves the original as it was; a bad name is 400; a read key is 403.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExportUploadEndToEndTests(AzuriteInstance azurite)
{
    private const string Customers = "customer_id,name,country\ncus_1,Acme B.V.,NL\n";

    [Fact]
    public async Task Upload_LandsInTheTenantsFolder_IsIngested_AndASecondUploadOfTheNameIs409WithTheOriginalUnchanged()
    {
        await using var host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

        using var created = await PutAsync(host, "/api/tenants/acme/exports/customers.csv", Customers);
        using var again = await PutAsync(host, "/api/tenants/acme/exports/customers.csv", "customer_id,name\ncus_2,Other\n");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = LocalHostInstance.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal(("acme", "customers.csv", "acme/customers.csv"),
            (answer.GetProperty("tenant").GetString(), answer.GetProperty("fileName").GetString(), answer.GetProperty("blob").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already has an export named 'customers.csv'", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await host.Exports.GetBlobClient("acme/customers.csv").DownloadContentAsync();
        Assert.Equal(Customers, stored.Value.Content.ToString());
        var imports = await host.WaitForImportsAsync("acme", rows => rows.Any(row => row.GetProperty("status").GetString() == "Accepted"));
        Assert.Equal("customers.csv", Assert.Single(imports).GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task Upload_NameThatIsNotOneFileName_Is400_AndNothingIsWritten()
    {
        await using var host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

        foreach (var fileName in new[] { "_profiles.json", ".hidden.csv", "revenue.csv.", "a%23b.csv", "a%2Fb.csv", "a%3Fb.csv" })
        {
            using var response = await PutAsync(host, $"/api/tenants/acme/exports/{fileName}", Customers);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("is not an export file name", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await foreach (var blob in host.Exports.GetBlobsAsync())
        {
            Assert.Fail($"Nothing should have been written, but {blob.Name} was.");
        }
    }

    [Fact]
    public async Task Upload_WithAReadKey_Is403_BecauseDroppingAFileIsAnOperatorsAct()
    {
        var key = ReadKey.Create();
        await using var host = await LocalHostInstance.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Pipeline:Auth:Mode"] = "ReadKeys",
            ["Pipeline:Auth:ReadKeys:acme:powerbi"] = ReadKey.Hash(key),
        });

        using var response = await PutAsync(host, "/api/tenants/acme/exports/customers.csv", Customers, key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PutAsync(LocalHostInstance host, string path, string content, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(content, Encoding.UTF8, "text/csv"),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Pipeline-Key", key);
        }

        return await host.Http.SendAsync(request);
    }
}
