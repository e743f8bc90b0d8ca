namespace Pipeline.Domain.Metrics;

/// <summary>The running counts and MRR sums behind one row of <see cref="LoyaltyFigures"/>.</summary>
internal sealed class LoyaltyTally
{
    public int Promoters { get; private set; }

    public int Passives { get; private set; }

    public int Detractors { get; private set; }

    public decimal PromoterMrr { get; private set; }

    public decimal DetractorMrr { get; private set; }

    /// <summary>MRR of every respondent with MRR (respondents without it are left out of revenue weighting).</summary>
    public decimal RespondentMrr { get; private set; }

    public int SameSolutionAnswered { get; private set; }

    public int SameSolutionYes { get; private set; }

    public int SameProviderAnswered { get; private set; }

    public int SameProviderYes { get; private set; }

    public int BothAnswered { get; private set; }

    public int LoyalYes { get; private set; }

    public int Captive { get; private set; }

    public decimal CaptiveMrr { get; private set; }

    public int Late { get; private set; }

    public void Add(SurveyResponse response, CustomerMonthEnd? customer, bool captive, bool late)
    {
        var mrr = customer?.Mrr ?? 0m;
        var category = LoyaltyCalculator.CategoryOf(response.Score);
        Promoters += category == LoyaltyCategory.Promoter ? 1 : 0;
        Passives += category == LoyaltyCategory.Passive ? 1 : 0;
        Detractors += category == LoyaltyCategory.Detractor ? 1 : 0;
        if (mrr > 0m)
        {
            RespondentMrr += mrr;
            PromoterMrr += category == LoyaltyCategory.Promoter ? mrr : 0m;
            DetractorMrr += category == LoyaltyCategory.Detractor ? mrr : 0m;
        }

        SameSolutionAnswered += response.SameSolution is null ? 0 : 1;
        SameSolutionYes += response.SameSolution == SurveyAnswer.Yes ? 1 : 0;
        SameProviderAnswered += response.SameProvider is null ? 0 : 1;
        SameProviderYes += response.SameProvider == SurveyAnswer.Yes ? 1 : 0;
        BothAnswered += response.SameSolution is not null && response.SameProvider is not null ? 1 : 0;
        LoyalYes += response.SameSolution == SurveyAnswer.Yes && response.SameProvider == SurveyAnswer.Yes ? 1 : 0;
        Captive += captive ? 1 : 0;
        CaptiveMrr += captive ? mrr : 0m;
        Late += late ? 1 : 0;
    }
}
