using Pipeline.Domain;

namespace Pipeline.Application.Ledger;

/// <summary>The records of a tenant's batches besides their lines, merged in import order: small, read before the lines.</summary>
internal sealed class LedgerSide
{
    /// <summary>Customer master data by id, later imports updating earlier ones.</summary>
    public Dictionary<string, CustomerRecord> Customers { get; } = new(StringComparer.Ordinal);

    /// <summary>Spend rows by key (day or month, channel, campaign), a later import replacing an earlier row.</summary>
    public Dictionary<string, SpendRecord> Spend { get; } = new(StringComparer.Ordinal);

    /// <summary>Survey answers by key (customer, survey, response time), a later import replacing an earlier response.</summary>
    public Dictionary<string, SurveyResponse> Responses { get; } = new(StringComparer.Ordinal);

    /// <summary>Exchange rates in import order.</summary>
    public List<ExchangeRate> Rates { get; } = [];

    /// <summary>Payments, refunds and credits in import order.</summary>
    public List<MoneyMovement> Movements { get; } = [];

    /// <summary>Invoice status records by invoice, the latest import's winning.</summary>
    public Dictionary<string, InvoiceDocument> Documents { get; } = new(StringComparer.Ordinal);

    /// <summary>Merges the next batch (in import order).</summary>
    public void Add(LedgerBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Rates.AddRange(batch.Rates);
        Movements.AddRange(batch.Movements);
        foreach (var document in batch.Documents)
        {
            Documents[document.InvoiceId] = document;
        }

        foreach (var row in batch.Spend)
        {
            Spend[row.Key] = row;
        }

        foreach (var response in batch.Responses)
        {
            Responses[response.Key] = response;
        }

        foreach (var customer in batch.Customers)
        {
            Customers[customer.CustomerId] = Customers.TryGetValue(customer.CustomerId, out var earlier)
                ? customer.UpdateOf(earlier)
                : customer;
        }
    }
}
