using System.Globalization;
using DuckDB.NET.Data;
using Pipeline.Domain;

namespace Pipeline.Benchmarks;

/// <summary>The peer: DuckDB SQL over the canonical CSV files computing the monthly MRR movement table (METRICS.md §1–2).</summary>
/// <remarks>
/// <para>
/// One in-process, in-memory DuckDB runs one query that reads the revenue-lines and rates CSV files and returns one row
/// per month: MRR, New, Expansion, Reactivation, Contraction, Churn (and the delinquent part of it) with the customer
/// counts, in the reporting currency. The rules, for the lines the synthetic ledger writes:
/// </para>
/// <list type="bullet">
/// <item>Recurring (and proration) lines with <c>net = amount − discount &gt; 0</c> whose status is not void, draft or
/// canceled; normalised by interval (month ÷ count, year ÷ 12 × count, week × 52/12 ÷ count, day × 365/12 ÷ count).</item>
/// <item>A line counts at <c>T_m</c> when <c>start ≤ T_m &lt; end</c>: with month numbers, from the month containing
/// the start up to (excluding) the month containing the end. A refunded line stops at the month containing
/// <c>refunded_at</c>; an open, past-due or uncollectible line at the month containing its due date (else issue date,
/// else start) + 30 days, the delinquency limit. The months a line would count without that limit are kept to tell
/// delinquent churn apart.</item>
/// <item>Of the lines of one subscription that count at <c>T_m</c>, the one with the latest start wins
/// (<c>arg_max</c>); the further tie-breakers (issue date, source order) are not implemented, since no two lines of a
/// synthetic subscription ever overlap.</item>
/// <item>A customer's native MRR is the sum over its subscriptions; movements compare it with the previous month end.
/// New when the customer never had MRR at an earlier month end, else Reactivation.</item>
/// <item>Each customer has one currency in the synthetic ledger (checked: the query fails otherwise), so movements
/// are classified on native amounts and summed per currency exactly (<c>DECIMAL</c>); each month's currency totals are
/// then converted at that month's month-end rate (the last rate on or before the month's last day, 1 reporting =
/// rate other). Converting the totals equals converting each customer first, since every movement of month m uses
/// the one rate <c>r_m</c>, and keeps the sums exact: DuckDB divides decimals as doubles.</item>
/// </list>
/// <para>
/// Not implemented, because the synthetic ledger never needs them: proration of lines shorter than their interval (every
/// synthetic line spans exactly its interval), interval inference (every line has one), unused-time credits, pauses,
/// corrections across files, the subscribed-and-churned count, and rates quoted the other way round or crossed. A
/// monthly amount is rounded to 10 decimals before it is summed (exact for these lines, whose prices are multiples
/// of their interval's months).
/// </para>
/// </remarks>
internal static class DuckDbMovementTable
{
    /// <summary>Opens a database and runs a trivial query: loads the native library and DuckDB's own start-up.</summary>
    public static void WarmUp()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 42";
        command.ExecuteScalar();
    }

    /// <summary>Runs the query; returns the months <paramref name="first"/> through <paramref name="last"/> that have any activity.</summary>
    public static List<MonthFigures> Compute(
        string linesPath, string ratesPath, CurrencyCode reporting, int delinquencyDays, BillingMonth first, BillingMonth last)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Sql(linesPath, ratesPath, reporting, delinquencyDays, MonthNumber(first), MonthNumber(last));
        using var reader = command.ExecuteReader();
        var months = new List<MonthFigures>();
        while (reader.Read())
        {
            if (reader.GetInt64(reader.GetOrdinal("unconverted")) > 0)
            {
                throw new InvalidOperationException("DuckDB: a currency in use has no month-end rate into the reporting currency.");
            }

            if (reader.GetInt64(reader.GetOrdinal("mixed_currencies")) > 0)
            {
                throw new InvalidOperationException("DuckDB: a customer has lines in two currencies; this query assumes one per customer.");
            }

            var number = checked((int)reader.GetInt64(reader.GetOrdinal("m")));
            months.Add(new MonthFigures(
                new BillingMonth(number / 12, (number % 12) + 1),
                Amount(reader, "mrr"),
                Amount(reader, "new_mrr"),
                Amount(reader, "expansion_mrr"),
                Amount(reader, "reactivation_mrr"),
                Amount(reader, "contraction_mrr"),
                Amount(reader, "churned_mrr"),
                Amount(reader, "delinquent_churned_mrr"),
                Count(reader, "customers"),
                Count(reader, "new_customers"),
                Count(reader, "reactivated_customers"),
                Count(reader, "churned_customers")));
        }

        return months;
    }

    /// <summary>A month number after every month of any ledger: "no end" in the month arithmetic.</summary>
    private const int Never = int.MaxValue;

    private static int MonthNumber(BillingMonth month) => (month.Year * 12) + month.Month - 1;

    private static decimal Amount(DuckDBDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? 0m : reader.GetDecimal(ordinal);
    }

    private static int Count(DuckDBDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? 0 : checked((int)reader.GetInt64(ordinal));
    }

    private static string Sql(string linesPath, string ratesPath, CurrencyCode reporting, int delinquencyDays, int first, int last)
    {
        static string Quoted(string text) => string.Concat("'", text.Replace("'", "''", StringComparison.Ordinal), "'");

        return string.Create(CultureInfo.InvariantCulture, $$"""
            WITH src AS (
                SELECT * FROM read_csv({{Quoted(linesPath)}}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
                    columns = {
                        'line_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'subscription_id': 'VARCHAR', 'plan': 'VARCHAR',
                        'line_type': 'VARCHAR', 'amount': 'DECIMAL(18,4)', 'discount': 'DECIMAL(18,4)', 'currency': 'VARCHAR',
                        'interval': 'VARCHAR', 'interval_count': 'INTEGER', 'service_start': 'TIMESTAMP', 'service_end': 'TIMESTAMP',
                        'issued_at': 'TIMESTAMP', 'due_at': 'TIMESTAMP', 'status': 'VARCHAR', 'refunded_at': 'TIMESTAMP'})
            ),
            eligible AS (
                SELECT customer_id,
                       coalesce(subscription_id, customer_id || '|' || coalesce(plan, '')) AS subscription,
                       currency,
                       service_start,
                       CAST(CASE "interval"
                           WHEN 'month' THEN net / interval_count
                           WHEN 'year' THEN net / (12 * interval_count)
                           WHEN 'week' THEN net * 52 / 12 / interval_count
                           WHEN 'day' THEN net * 365 / 12 / interval_count END AS DECIMAL(38, 10)) AS monthly,
                       year(service_start) * 12 + month(service_start) - 1 AS first_month,
                       least(
                           coalesce(year(service_end) * 12 + month(service_end) - 1, {{Never}}),
                           CASE WHEN status = 'refunded' THEN year(refunded_at) * 12 + month(refunded_at) - 1 ELSE {{Never}} END) AS end_ignoring_delinquency,
                       CASE WHEN status IN ('open', 'past_due', 'uncollectible') THEN
                           year(coalesce(due_at, issued_at, service_start) + INTERVAL {{delinquencyDays}} DAY + INTERVAL 1 MICROSECOND) * 12
                           + month(coalesce(due_at, issued_at, service_start) + INTERVAL {{delinquencyDays}} DAY + INTERVAL 1 MICROSECOND) - 1
                       ELSE {{Never}} END AS delinquent_from
                FROM (SELECT *, amount - coalesce(discount, 0) AS net, coalesce(status, 'paid') AS status FROM src)
                WHERE coalesce(line_type, 'recurring') IN ('recurring', 'proration')
                  AND net > 0
                  AND status NOT IN ('void', 'draft', 'canceled')
                  AND "interval" IS NOT NULL
            ),
            coverage AS (
                SELECT customer_id, subscription, currency, service_start, monthly,
                       least(end_ignoring_delinquency, delinquent_from) AS paid_end,
                       unnest(range(first_month, least(end_ignoring_delinquency, {{last + 1}}))) AS m
                FROM eligible
                WHERE first_month <= {{last}}
            ),
            subscription_months AS (
                SELECT customer_id, m,
                       min(currency) AS currency, max(currency) AS last_currency,
                       arg_max(monthly, service_start) FILTER (WHERE m < paid_end) AS monthly
                FROM coverage
                GROUP BY customer_id, subscription, m
            ),
            customer_months AS (
                SELECT customer_id, m,
                       min(currency) AS currency,
                       max(last_currency) <> min(currency) AS mixed,
                       coalesce(sum(monthly), 0) AS mrr
                FROM subscription_months
                GROUP BY customer_id, m
            ),
            first_paid AS (
                SELECT customer_id, min(m) AS first_paid FROM customer_months WHERE mrr > 0 GROUP BY customer_id
            ),
            flows AS (
                SELECT coalesce(e.customer_id, s.customer_id) AS customer_id,
                       coalesce(e.currency, s.currency) AS currency,
                       coalesce(e.m, s.m + 1) AS m,
                       coalesce(s.mrr, 0) AS s,
                       coalesce(e.mrr, 0) AS e,
                       e.customer_id IS NOT NULL AS covered,
                       coalesce(e.mixed, false) OR coalesce(s.mixed, false) AS mixed
                FROM customer_months e
                FULL OUTER JOIN customer_months s ON e.customer_id = s.customer_id AND e.m = s.m + 1
            ),
            totals AS (
                SELECT f.m, f.currency,
                       sum(e) AS mrr,
                       count(*) FILTER (WHERE e > 0) AS customers,
                       sum(e) FILTER (WHERE s = 0 AND e > 0 AND p.first_paid = f.m) AS new_mrr,
                       count(*) FILTER (WHERE s = 0 AND e > 0 AND p.first_paid = f.m) AS new_customers,
                       sum(e) FILTER (WHERE s = 0 AND e > 0 AND p.first_paid < f.m) AS reactivation_mrr,
                       count(*) FILTER (WHERE s = 0 AND e > 0 AND p.first_paid < f.m) AS reactivated_customers,
                       sum(e - s) FILTER (WHERE s > 0 AND e > s) AS expansion_mrr,
                       sum(s - e) FILTER (WHERE s > 0 AND e > 0 AND e < s) AS contraction_mrr,
                       sum(s) FILTER (WHERE s > 0 AND e = 0) AS churned_mrr,
                       count(*) FILTER (WHERE s > 0 AND e = 0) AS churned_customers,
                       sum(s) FILTER (WHERE s > 0 AND e = 0 AND covered) AS delinquent_churned_mrr,
                       count(*) FILTER (WHERE mixed) AS mixed_currencies,
                       CAST(make_date(CAST(f.m // 12 AS INTEGER), CAST(f.m % 12 + 1 AS INTEGER), 1) + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS last_day
                FROM flows f
                LEFT JOIN first_paid p ON p.customer_id = f.customer_id
                WHERE f.m BETWEEN {{first}} AND {{last}}
                GROUP BY f.m, f.currency
            ),
            rates AS (
                SELECT date, quote, rate
                FROM read_csv({{Quoted(ratesPath)}}, header = true, delim = ',', auto_detect = false,
                    columns = {'date': 'DATE', 'base': 'VARCHAR', 'quote': 'VARCHAR', 'rate': 'DECIMAL(18,8)'})
                WHERE base = '{{reporting.Code}}'
            ),
            converted AS (
                SELECT t.*, CASE WHEN t.currency = '{{reporting.Code}}' THEN 1 ELSE r.rate END AS divisor
                FROM totals t
                ASOF LEFT JOIN rates r ON r.quote = t.currency AND t.last_day >= r.date
            )
            SELECT m,
                   CAST(round(sum(mrr / divisor), 2) AS DECIMAL(18, 2)) AS mrr,
                   CAST(round(sum(coalesce(new_mrr, 0) / divisor), 2) AS DECIMAL(18, 2)) AS new_mrr,
                   CAST(round(sum(coalesce(expansion_mrr, 0) / divisor), 2) AS DECIMAL(18, 2)) AS expansion_mrr,
                   CAST(round(sum(coalesce(reactivation_mrr, 0) / divisor), 2) AS DECIMAL(18, 2)) AS reactivation_mrr,
                   CAST(round(sum(coalesce(contraction_mrr, 0) / divisor), 2) AS DECIMAL(18, 2)) AS contraction_mrr,
                   CAST(round(sum(coalesce(churned_mrr, 0) / divisor), 2) AS DECIMAL(18, 2)) AS churned_mrr,
                   CAST(round(sum(coalesce(delinquent_churned_mrr, 0) / divisor), 2) AS DECIMAL(18, 2)) AS delinquent_churned_mrr,
                   CAST(sum(customers) AS BIGINT) AS customers,
                   CAST(sum(new_customers) AS BIGINT) AS new_customers,
                   CAST(sum(reactivated_customers) AS BIGINT) AS reactivated_customers,
                   CAST(sum(churned_customers) AS BIGINT) AS churned_customers,
                   count(*) FILTER (WHERE divisor IS NULL) AS unconverted,
                   CAST(sum(mixed_currencies) AS BIGINT) AS mixed_currencies
            FROM converted
            GROUP BY m
            ORDER BY m
            """);
    }
}
