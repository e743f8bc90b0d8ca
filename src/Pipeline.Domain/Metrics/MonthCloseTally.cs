using System.Globalization;

namespace Pipeline.Domain.Metrics;

/// <summary>Adds up one month's customers into the KPIs, the closing snapshot and the movement rows.</summary>
/// <remarks>
/// Customers must be added in ordinal id order; the lists keep that order. <see cref="ToResult"/> checks the
/// movement identity before anything is returned, because a close that does not add up must never be locked.
/// </remarks>
internal sealed class MonthCloseTally(BillingMonth month, CurrencyCode currency, int expectedCustomers = 0)
{
    private readonly List<CustomerMonthEnd> _closing = new(expectedCustomers);
    private readonly List<CustomerMovement> _movements = [];
    private decimal _startMrr;
    private decimal _mrr;
    private int _startCustomers;
    private int _customers;
    private decimal _new;
    private decimal _expansion;
    private decimal _reactivation;
    private decimal _contraction;
    private decimal _churned;
    private decimal _delinquentChurned;
    private int _newCustomers;
    private int _reactivatedCustomers;
    private int _churnedCustomers;
    private int _subscribedAndChurned;

    public void Add(CustomerMonthEnd closing, decimal startMrr, CustomerMovement? movement)
    {
        CountBalances(startMrr, closing.Mrr);
        if (closing.Mrr > 0m || closing.EverPaid)
        {
            _closing.Add(closing);
        }

        if (movement is not null)
        {
            CountMovement(movement);
            _movements.Add(movement);
        }
    }

    /// <summary>Adds a customer with no MRR before or after and no activity: only its snapshot row carries over.</summary>
    public void CarryDormant(CustomerMonthEnd opening)
    {
        if (opening.EverPaid)
        {
            _closing.Add(opening);
        }
    }

    public MonthCloseResult ToResult()
    {
        var kpis = new MonthlyKpis
        {
            Month = month,
            Currency = currency,
            StartMrr = _startMrr,
            Mrr = _mrr,
            NewMrr = _new,
            ExpansionMrr = _expansion,
            ReactivationMrr = _reactivation,
            ContractionMrr = _contraction,
            ChurnedMrr = _churned,
            DelinquentChurnedMrr = _delinquentChurned,
            StartCustomers = _startCustomers,
            Customers = _customers,
            NewCustomers = _newCustomers,
            ReactivatedCustomers = _reactivatedCustomers,
            ChurnedCustomers = _churnedCustomers,
            SubscribedAndChurned = _subscribedAndChurned,
        };
        EnsureIdentity(kpis);
        return new MonthCloseResult(kpis, _closing, _movements);
    }

    private void CountBalances(decimal startMrr, decimal endMrr)
    {
        _startMrr += startMrr;
        _mrr += endMrr;
        _startCustomers += startMrr > 0m ? 1 : 0;
        _customers += endMrr > 0m ? 1 : 0;
    }

    private void CountMovement(CustomerMovement movement)
    {
        switch (movement.Type)
        {
            case MovementType.New:
                _new += movement.Amount;
                _newCustomers++;
                break;
            case MovementType.Reactivation:
                _reactivation += movement.Amount;
                _reactivatedCustomers++;
                break;
            case MovementType.Expansion:
                _expansion += movement.Amount;
                break;
            case MovementType.Contraction:
                _contraction += movement.Amount;
                break;
            case MovementType.Churn:
                _churned += movement.Amount;
                _delinquentChurned += movement.Delinquent ? movement.Amount : 0m;
                _churnedCustomers++;
                break;
            case MovementType.None:
                _subscribedAndChurned += movement.SubscribedAndChurned ? 1 : 0;
                break;
        }
    }

    /// <summary>Checks <c>Mrr = StartMrr + New + Expansion + Reactivation − Contraction − Churned</c>.</summary>
    /// <remarks>
    /// Exact for amounts with terminating decimals. Amounts such as 25 × 52/12 carry 28 significant digits, and
    /// summing them in two different orders can differ in the last digit (about 1e-20 for a few thousand
    /// customers); that representation residue is allowed, nothing more: a real bug is off by far more.
    /// </remarks>
    private void EnsureIdentity(MonthlyKpis kpis)
    {
        var expected = kpis.StartMrr + kpis.NewMrr + kpis.ExpansionMrr + kpis.ReactivationMrr - kpis.ContractionMrr - kpis.ChurnedMrr;
        var difference = Math.Abs(kpis.Mrr - expected);
        var terms = (2 * (_closing.Count + _movements.Count)) + 8;
        var largest = kpis.StartMrr + kpis.NewMrr + kpis.ExpansionMrr + kpis.ReactivationMrr + kpis.Mrr;
        if (difference > terms * LastDigitOf(largest))
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The MRR movements of {month} do not add up: end MRR {kpis.Mrr}, but start MRR plus movements is {expected}."));
        }
    }

    /// <summary>The value of one unit in the 28th significant digit at the magnitude of <paramref name="amount"/>.</summary>
    private static decimal LastDigitOf(decimal amount)
    {
        var unit = 0.0000000000000000000000000001m;
        for (var whole = decimal.Truncate(Math.Abs(amount)); whole >= 1m; whole = decimal.Truncate(whole / 10m))
        {
            unit *= 10m;
        }

        return unit;
    }
}
