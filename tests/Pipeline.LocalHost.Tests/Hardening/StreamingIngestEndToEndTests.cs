using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ledger;
using Pipeline.Domain;
using Pipeline.Testing;

namespace Pipeline.LocalHost.Tests.Hardening;

/// <summary>A file larger than an ingest keeps in memory, through the real host and storage (streaming ingest, issue 11 item 4).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StreamingIngestEndToEndTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private const int Lines = 60_000;
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostInstance.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SixtyThousandLines_HashedReadAgainAndStreamedIntoRowGroups_LedgerHoldsEveryLineInOrder()
    {
        var content = RevenueLines();
        await _host.DropAsync("big/revenue-2025.csv", content);

        var imports = await _host.WaitForImportsAsync("big", rows => rows.Any(row => row.GetProperty("status").GetString() != "Processing"), seconds: 120);
        var id = Assert.Single(imports).GetProperty("id").GetString()!;
        var detail = await _host.GetJsonAsync($"/api/tenants/big/imports/{id}");
        var batch = await _host.Services.GetRequiredService<ILedgerStore>().ReadAsync(TenantId.Parse("big"), id, CancellationToken.None);

        Assert.True(content.Length > 4 * 1024 * 1024); // read twice: hashed, then parsed
        Assert.Equal(("Accepted", Lines, Lines, "2025-01", "2025-12"), (
            detail.GetProperty("status").GetString(), detail.GetProperty("rows").GetInt32(), detail.GetProperty("revenueLines").GetInt32(),
            detail.GetProperty("firstMonth").GetString(), detail.GetProperty("lastMonth").GetString()));
        Assert.Equal(Enumerable.Range(0, Lines).Select(Key), batch!.Lines.Select(line => line.LineKey));
        Assert.Equal(Enumerable.Range(0, Lines).Select(number => 49m + (number % 100)), batch.Lines.Select(line => line.Amount));
        Assert.Equal(5_000, batch.Customers.Count);
    }

    private static string Key(int number) => string.Create(CultureInfo.InvariantCulture, $"il_{number:D6}");

    /// <summary>Monthly lines over 2025 for 5,000 customers with a name each, amounts 49.00 to 148.00.</summary>
    private static byte[] RevenueLines()
    {
        var csv = new StringBuilder("line_id,customer_id,customer_name,plan,amount,currency,service_start,service_end,interval\n");
        for (var number = 0; number < Lines; number++)
        {
            var month = 1 + (number % 12);
            var end = month == 12 ? "2026-01-01" : string.Create(CultureInfo.InvariantCulture, $"2025-{month + 1:D2}-01");
            csv.Append(CultureInfo.InvariantCulture,
                $"{Key(number)},cus_{number % 5_000:D5},Customer {number % 5_000},pro-monthly,{49 + (number % 100)}.00,EUR,2025-{month:D2}-01,{end},month\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
