using Pipeline.Domain;

namespace Pipeline.Ingestion.Stripe;

/// <summary>The customers of an invoice-lines file: one string per id, their subscriptions, and their customer records.</summary>
/// <remarks>
/// One lookup per line finds the customer's id string, the e-mail address already recorded and the strings of its
/// subscriptions (a customer has few, so they are found by a short scan rather than a file-wide pool that a file with
/// many subscriptions would outgrow). A customer record is added only when the line is kept and its e-mail is new.
/// </remarks>
internal sealed class StripeInvoiceLinesCustomers
{
    private readonly Dictionary<string, StripeInvoiceLinesCustomer> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StripeInvoiceLinesCustomer>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly CustomerRecordSet _records = new();
    private StripeInvoiceLinesCustomer? _last;

    public StripeInvoiceLinesCustomers() => _lookup = _byId.GetAlternateLookup<ReadOnlySpan<char>>();

    public IReadOnlyList<CustomerRecord> Records => _records.Records;

    /// <summary>The customer with this (non-empty) id, created on first sight with the line's subscription and e-mail.</summary>
    /// <remarks>
    /// The lines of one invoice are adjacent, so the previous line's customer is tried before the table. A new
    /// customer's strings are allocated together with it, so later lines find them in neighbouring memory.
    /// </remarks>
    public StripeInvoiceLinesCustomer Get(ReadOnlySpan<char> id, ReadOnlySpan<char> subscriptionId, ReadOnlySpan<char> email)
    {
        if (_last is not null && id.SequenceEqual(_last.Id))
        {
            return _last;
        }

        if (!_lookup.TryGetValue(id, out var customer))
        {
            customer = new StripeInvoiceLinesCustomer(id.ToString(), subscriptionId, email);
            _byId.Add(customer.Id, customer);
        }

        _last = customer;
        return customer;
    }

    /// <summary>Records the customer's e-mail (lower-cased) from a kept line, unless it is empty or already recorded.</summary>
    public void SawEmail(StripeInvoiceLinesCustomer customer, ReadOnlySpan<char> email, long row)
    {
        if (email.IsEmpty || (customer.EmailRecorded && email.Equals(customer.Email, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        if (customer.Email is null || !email.Equals(customer.Email, StringComparison.OrdinalIgnoreCase))
        {
            customer.Email = email.ToString().ToLowerInvariant();
        }

        customer.EmailRecorded = true;
        _records.Add(new CustomerRecord { CustomerId = customer.Id, Email = customer.Email, RowNumber = row });
    }
}

/// <summary>One customer of an invoice-lines file.</summary>
/// <remarks>The first two subscription strings are kept in fields, so the common case reads no list.</remarks>
internal sealed class StripeInvoiceLinesCustomer
{
    private const int MaxMoreSubscriptions = 32;

    private string? _first;
    private string? _second;
    private List<string>? _more;

    public StripeInvoiceLinesCustomer(string id, ReadOnlySpan<char> subscriptionId, ReadOnlySpan<char> email)
    {
        Id = id;
        _first = subscriptionId.IsEmpty ? null : subscriptionId.ToString();
        Email = email.IsEmpty ? null : email.ToString().ToLowerInvariant();
    }

    public string Id { get; }

    /// <summary>The last e-mail address seen, lower-cased.</summary>
    public string? Email { get; set; }

    /// <summary>Whether a customer record with <see cref="Email"/> was added (only kept lines add one).</summary>
    public bool EmailRecorded { get; set; }

    /// <summary>The string for this subscription (or item) id of the customer, shared by all its lines; null when empty.</summary>
    public string? Subscription(ReadOnlySpan<char> subscriptionId)
    {
        if (subscriptionId.IsEmpty)
        {
            return null;
        }

        if (_first is not null && subscriptionId.SequenceEqual(_first))
        {
            return _first;
        }

        if (_second is not null && subscriptionId.SequenceEqual(_second))
        {
            return _second;
        }

        return Other(subscriptionId);
    }

    private string Other(ReadOnlySpan<char> subscriptionId)
    {
        foreach (var known in _more ?? [])
        {
            if (subscriptionId.SequenceEqual(known))
            {
                return known;
            }
        }

        var created = subscriptionId.ToString();
        if (_first is null)
        {
            _first = created;
        }
        else if (_second is null)
        {
            _second = created;
        }
        else if ((_more ??= []).Count < MaxMoreSubscriptions)
        {
            _more.Add(created);
        }

        return created;
    }
}
