namespace Pipeline.Application.Tests;

/// <summary>Canonical export files whose monthly figures are worked out by hand (METRICS.md Ex1, Ex5 and Ex6 together).</summary>
/// <remarks>
/// A: 100 Jan–Feb, 150 Mar–Apr, 120 May–Jun, ends Jul 1 (plus a 500 setup fee, never MRR).
/// E: S1 50/mo Jan 1–Apr 1; S2 30/mo Feb 10–May 10. F: 80 Jan–Feb (a void March invoice), 60 May–Jul.
/// MRR Jan–Aug = 230, 260, 230, 180, 180, 180, 60, 0.
/// </remarks>
public static class SampleExports
{
    public static readonly decimal[] MrrJanuaryToAugust = [230m, 260m, 230m, 180m, 180m, 180m, 60m, 0m];

    public const string RevenueLines =
        """
        line_id,invoice_id,customer_id,subscription_id,plan,line_type,amount,discount,tax,currency,interval,interval_count,service_start,service_end,status
        a1,in1,A,sub_a,basic,recurring,100.00,0,21.00,EUR,month,1,2025-01-01,2025-02-01,paid
        a0,in1,A,sub_a,setup,one_time,500.00,0,105.00,EUR,,,2025-01-01,2025-01-02,paid
        a2,in2,A,sub_a,basic,recurring,100.00,0,21.00,EUR,month,1,2025-02-01,2025-03-01,paid
        a3,in3,A,sub_a,plus,recurring,150.00,0,31.50,EUR,month,1,2025-03-01,2025-04-01,paid
        a4,in4,A,sub_a,plus,recurring,150.00,0,31.50,EUR,month,1,2025-04-01,2025-05-01,paid
        a5,in5,A,sub_a,basic,recurring,120.00,0,25.20,EUR,month,1,2025-05-01,2025-06-01,paid
        a6,in6,A,sub_a,basic,recurring,120.00,0,25.20,EUR,month,1,2025-06-01,2025-07-01,paid
        e1,in7,E,sub_e1,small,recurring,50.00,0,0,EUR,month,1,2025-01-01,2025-02-01,paid
        e2,in8,E,sub_e1,small,recurring,50.00,0,0,EUR,month,1,2025-02-01,2025-03-01,paid
        e3,in9,E,sub_e1,small,recurring,50.00,0,0,EUR,month,1,2025-03-01,2025-04-01,paid
        e4,in10,E,sub_e2,addon,recurring,30.00,0,0,EUR,month,1,2025-02-10,2025-03-10,paid
        e5,in11,E,sub_e2,addon,recurring,30.00,0,0,EUR,month,1,2025-03-10,2025-04-10,paid
        e6,in12,E,sub_e2,addon,recurring,30.00,0,0,EUR,month,1,2025-04-10,2025-05-10,paid
        f1,in13,F,sub_f,basic,recurring,80.00,0,0,EUR,month,1,2025-01-01,2025-02-01,paid
        f2,in14,F,sub_f,basic,recurring,80.00,0,0,EUR,month,1,2025-02-01,2025-03-01,paid
        f3,in15,F,sub_f,basic,recurring,80.00,0,0,EUR,month,1,2025-03-01,2025-04-01,void
        f4,in16,F,sub_f2,basic,recurring,60.00,0,0,EUR,month,1,2025-05-01,2025-06-01,paid
        f5,in17,F,sub_f2,basic,recurring,60.00,0,0,EUR,month,1,2025-06-01,2025-07-01,paid
        f6,in18,F,sub_f2,basic,recurring,60.00,0,0,EUR,month,1,2025-07-01,2025-08-01,paid

        """;

    /// <summary>A revenue-lines file where 3 of 4 rows are bad: refused as a whole.</summary>
    /// <summary>
    /// Customers A (100), B (200) and C (50), one monthly invoice each from January to April 2025, every line on an
    /// invoice of its own (<c>in_a1</c>…<c>in_c4</c>): the ledger invoice statuses and refunds are applied to.
    /// </summary>
    public const string InvoicedLines =
        """
        line_id,customer_id,invoice_id,subscription_id,amount,currency,interval,service_start,service_end
        a1,A,in_a1,sub_a,100.00,EUR,month,2025-01-01,2025-02-01
        a2,A,in_a2,sub_a,100.00,EUR,month,2025-02-01,2025-03-01
        a3,A,in_a3,sub_a,100.00,EUR,month,2025-03-01,2025-04-01
        a4,A,in_a4,sub_a,100.00,EUR,month,2025-04-01,2025-05-01
        b1,B,in_b1,sub_b,200.00,EUR,month,2025-01-01,2025-02-01
        b2,B,in_b2,sub_b,200.00,EUR,month,2025-02-01,2025-03-01
        b3,B,in_b3,sub_b,200.00,EUR,month,2025-03-01,2025-04-01
        b4,B,in_b4,sub_b,200.00,EUR,month,2025-04-01,2025-05-01
        c1,C,in_c1,sub_c,50.00,EUR,month,2025-01-01,2025-02-01
        c2,C,in_c2,sub_c,50.00,EUR,month,2025-02-01,2025-03-01
        c3,C,in_c3,sub_c,50.00,EUR,month,2025-03-01,2025-04-01
        c4,C,in_c4,sub_c,50.00,EUR,month,2025-04-01,2025-05-01

        """;

    /// <summary>
    /// Invoices with statuses, dates and tax for receivables (METRICS.md §10), with <see cref="PaymentsOfReceivableLines"/>:
    /// at the end of March 2025, 381.00 outstanding (200.00 not yet due, 121.00 7 days past due, 60.00 75 days), DSO 69.2.
    /// </summary>
    public const string ReceivableLines =
        """
        line_id,customer_id,invoice_id,amount,tax,currency,interval,service_start,service_end,issued_at,due_at,status,segment
        a1,A,in_a1,100.00,21.00,EUR,month,2025-03-01,2025-04-01,2025-03-10,2025-03-24,open,smb
        a2,A,in_a2,100.00,0.00,EUR,month,2025-01-01,2025-02-01,2025-01-01,2025-01-15,past_due,smb
        b1,B,in_b1,200.00,0.00,EUR,month,2025-03-01,2025-04-01,2025-03-20,2025-04-19,paid,enterprise
        b2,B,in_b2,80.00,0.00,EUR,month,2025-02-01,2025-03-01,2025-02-01,2025-02-15,paid,enterprise

        """;

    /// <summary>A Stripe payments export (B1.4) paying in_a2 in part before the end of March and in_b1 in full after it.</summary>
    public const string PaymentsOfReceivableLines =
        """
        id,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Status,Customer ID,Customer Description,Customer Email,Captured,Invoice ID
        ch_a2,2025-02-01 10:00,40.00,0.00,eur,40.00,Paid,A,,,true,in_a2
        ch_b1,2025-04-05 10:00,200.00,0.00,eur,200.00,Paid,B,,,true,in_b1

        """;

    public const string BrokenRevenueLines =
        """
        customer_id,amount,currency,service_start,service_end
        A,100.00,EUR,2025-01-01,2025-02-01
        B,abc,EUR,2025-01-01,2025-02-01
        C,50.00,EUR,2025-13-01,2025-02-01
        D,70.00,XXX,2025-01-01,2025-02-01

        """;
}
