namespace Pipeline.Domain.Clv;

/// <summary>One customer's repeat-purchase history over a calibration period, the input of BG/NBD and Gamma-Gamma (METRICS.md §8).</summary>
/// <remarks>Times are in the summary's unit (day, week or month), measured from the customer's first purchase day.</remarks>
/// <param name="CustomerId">The customer.</param>
/// <param name="RepeatPurchases">x: purchase days after the first.</param>
/// <param name="LastPurchaseTime">t_x: time from the first to the last purchase day (0 when x = 0).</param>
/// <param name="ObservedTime">T: time from the first purchase day to the end of calibration.</param>
/// <param name="MeanRepeatValue">m̄: the mean value of the repeat purchase days (the first excluded); null when x = 0.</param>
public sealed record PurchaseSummary(
    string CustomerId, int RepeatPurchases, double LastPurchaseTime, double ObservedTime, decimal? MeanRepeatValue)
{
    /// <summary>Checks the summary is one BG/NBD can explain: x ≥ 0, 0 ≤ t_x ≤ T, and t_x = 0 when x = 0.</summary>
    public void Validate()
    {
        if (RepeatPurchases < 0 || !(LastPurchaseTime >= 0) || !(ObservedTime >= LastPurchaseTime) || !double.IsFinite(ObservedTime)
            || (RepeatPurchases == 0 && LastPurchaseTime != 0))
        {
            throw new ArgumentException(
                $"Customer {CustomerId}: x = {RepeatPurchases}, t_x = {LastPurchaseTime}, T = {ObservedTime} is not a purchase history " +
                "(need x ≥ 0, 0 ≤ t_x ≤ T, t_x = 0 without repeat purchases).");
        }
    }
}
