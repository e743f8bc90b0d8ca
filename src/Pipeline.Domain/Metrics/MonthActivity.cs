using System.Buffers;

namespace Pipeline.Domain.Metrics;

/// <summary>The ledger's side of one month: every customer with MRR or a start in the month, with native parts.</summary>
/// <remarks>
/// Customers come in ordinal id order (what the close merges with the opening snapshot). All parts of the month sit
/// in one flat buffer, each customer's run sorted by part number and summed per part. Both buffers are rented for the
/// month's upper bounds (a customer per counting segment or start, a part per counting segment) and returned by
/// <see cref="Dispose"/>: a 60-month close would otherwise put two large arrays per month on the large-object heap.
/// <see cref="CommittedNative"/> carries the month's committed MRR per currency.
/// </remarks>
internal sealed class MonthActivity : IDisposable
{
    private CustomerMonthActivity[] _customers;
    private PartAmount[] _parts;
    private int _customerCount;
    private int _partCount;
    private int _customerStart;

    /// <param name="catalog">The engine's parts.</param>
    /// <param name="maxCustomers">At most this many customers will be added.</param>
    /// <param name="maxParts">At most this many parts will be added.</param>
    public MonthActivity(MrrPartCatalog catalog, int maxCustomers, int maxParts)
    {
        Catalog = catalog;
        CommittedNative = new decimal[catalog.Currencies.Length];
        _customers = ArrayPool<CustomerMonthActivity>.Shared.Rent(Math.Max(maxCustomers, 1));
        _parts = ArrayPool<PartAmount>.Shared.Rent(Math.Max(maxParts, 1));
    }

    public ReadOnlySpan<CustomerMonthActivity> Customers => _customers.AsSpan(0, _customerCount);

    public MrrPartCatalog Catalog { get; }

    /// <summary>CMRR in native amounts per currency index of <see cref="MrrPartCatalog.Currencies"/>.</summary>
    public decimal[] CommittedNative { get; }

    public ReadOnlySpan<PartAmount> PartsOf(in CustomerMonthActivity customer) => _parts.AsSpan(customer.FirstPart, customer.PartCount);

    /// <summary>Adds an amount to the current customer's part, keeping the customer's run sorted by part number.</summary>
    public void AddPart(int part, decimal native)
    {
        var index = _partCount;
        while (index > _customerStart && _parts[index - 1].Part > part)
        {
            index--;
        }

        if (index > _customerStart && _parts[index - 1].Part == part)
        {
            _parts[index - 1] = new PartAmount(part, _parts[index - 1].Native + native);
            return;
        }

        Array.Copy(_parts, index, _parts, index + 1, _partCount - index);
        _parts[index] = new PartAmount(part, native);
        _partCount++;
    }

    /// <summary>Closes the current customer's run of parts (possibly empty) under <paramref name="customerId"/>.</summary>
    public void EndCustomer(string customerId, bool startedInMonth)
    {
        _customers[_customerCount++] = new CustomerMonthActivity(customerId, _customerStart, _partCount - _customerStart, startedInMonth);
        _customerStart = _partCount;
    }

    public void Dispose()
    {
        Array.Clear(_customers, 0, _customerCount);
        ArrayPool<CustomerMonthActivity>.Shared.Return(_customers);
        ArrayPool<PartAmount>.Shared.Return(_parts);
        (_customers, _parts, _customerCount, _partCount) = ([], [], 0, 0);
    }
}
