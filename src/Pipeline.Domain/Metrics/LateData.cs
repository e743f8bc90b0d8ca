namespace Pipeline.Domain.Metrics;

/// <summary>Finds the data that arrived after a month was locked (METRICS.md §6, Ex15).</summary>
/// <remarks>
/// <para>
/// A customer is <i>late</i> when its MRR at the locked month's end <c>T_{m−1}</c> in the locked snapshot differs
/// from the MRR the current ledger gives at <c>T_{m−1}</c> (absent counts as 0). Both are in the reporting currency at
/// the month-end rate <c>r_{m−1}</c>, at full precision, so an unchanged ledger finds nobody.
/// </para>
/// <para>
/// The effective date of a late change: for a customer who gained MRR, the service start (in the business time zone)
/// of the earliest line that now counts at <c>T_{m−1}</c> (Ex15: R's line from Jan 10). For a customer who lost MRR,
/// the date of the earliest full refund or unused-time credit (<see cref="RevenueLine.CreditedFrom"/>) that cut one of
/// its lines inside the locked month when there is one; otherwise (a voided invoice, a corrected line) the first day of
/// the locked month, since such a line never counted at all.
/// </para>
/// </remarks>
public static class LateData
{
    /// <summary>The restatement of <paramref name="lockedMonth"/>: its locked snapshot against the current ledger.</summary>
    /// <remarks>Every currency in use at the locked month's end must have a rate (<see cref="MonthSeries"/> checks first).</remarks>
    public static Restatement Of(
        BillingMonth lockedMonth,
        int lockedVersion,
        IReadOnlyList<CustomerMonthEnd> locked,
        MonthlyRecurringRevenue revenue,
        ExchangeRateTable rates,
        LedgerLines lines)
    {
        ArgumentNullException.ThrowIfNull(locked);
        ArgumentNullException.ThrowIfNull(revenue);
        ArgumentNullException.ThrowIfNull(lines);
        var restated = revenue.CustomerMrrAt(lockedMonth, rates);
        var lockedMrr = locked.ToDictionary(customer => customer.CustomerId, customer => customer.Mrr, StringComparer.Ordinal);
        var changed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (customer, mrr) in lockedMrr)
        {
            var now = restated.GetValueOrDefault(customer);
            if (now != mrr)
            {
                changed[customer] = now > mrr;
            }
        }

        foreach (var (customer, mrr) in restated)
        {
            if (!lockedMrr.ContainsKey(customer) && mrr != 0m)
            {
                changed[customer] = mrr > 0m;
            }
        }

        var timeZone = revenue.Settings.BusinessTimeZone;
        var late = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        if (changed.Count > 0)
        {
            var start = lockedMonth.StartInstant(timeZone);
            var end = lockedMonth.EndInstant(timeZone);
            var byCustomer = LinesOf(lines, changed).ToLookup(line => line.CustomerId, StringComparer.Ordinal);
            foreach (var (customer, gained) in changed)
            {
                var covering = byCustomer[customer].Where(line => line.ServiceStart <= end && (line.ServiceEnd is null || line.ServiceEnd > end));
                DateTimeOffset? effective = gained
                    ? covering
                        .Where(line => MonthlyRecurringRevenue.MonthlyAmount(line, timeZone) is not null
                            && !(line.RefundedAt <= end) && !(line.CreditedFrom <= end))
                        .Select(line => (DateTimeOffset?)line.ServiceStart)
                        .Min()
                    : covering
                        .SelectMany(line => new[] { line.RefundedAt, line.CreditedFrom })
                        .Where(stop => stop >= start && stop <= end)
                        .Min();
                late[customer] = effective is { } instant
                    ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, timeZone).DateTime)
                    : lockedMonth.FirstDay;
            }
        }

        return new Restatement(lockedMonth, lockedVersion, lockedMrr.Values.Sum(), restated.Values.Sum(), late);
    }

    /// <summary>The lines of the customers in <paramref name="changed"/>, read back from the ledger's rows.</summary>
    private static IEnumerable<RevenueLine> LinesOf(LedgerLines lines, Dictionary<string, bool> changed)
    {
        for (var row = 0; row < lines.Count; row++)
        {
            if (!lines.IsDropped(row) && changed.ContainsKey(lines.CustomerId(row)))
            {
                yield return lines[row];
            }
        }
    }

    /// <summary>The movements with every late customer's row flagged <c>late</c> with its effective date.</summary>
    public static IReadOnlyList<CustomerMovement> Flag(IReadOnlyList<CustomerMovement> movements, Restatement restatement)
    {
        ArgumentNullException.ThrowIfNull(movements);
        ArgumentNullException.ThrowIfNull(restatement);
        return restatement.HasLateData
            ? movements
                .Select(movement => restatement.LateCustomers.TryGetValue(movement.CustomerId, out var effective)
                    ? movement with { Late = true, EffectiveDate = effective }
                    : movement)
                .ToList()
            : movements;
    }
}
