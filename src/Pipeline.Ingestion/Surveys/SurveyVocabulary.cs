using Pipeline.Domain;

namespace Pipeline.Ingestion.Surveys;

/// <summary>The words survey files use for the choose-again answers, matched case-insensitively (EXPORTS.md A5).</summary>
/// <remarks>English and Dutch, as survey tools in either language write them, and the true/false of a spreadsheet.</remarks>
internal static class SurveyVocabulary
{
    public const string Answers = "yes, no or unsure (also ja, nee, weet niet, true or false)";

    public static readonly IReadOnlyDictionary<string, SurveyAnswer> AnswerWords = new Dictionary<string, SurveyAnswer>
    {
        ["yes"] = SurveyAnswer.Yes,
        ["no"] = SurveyAnswer.No,
        ["unsure"] = SurveyAnswer.Unsure,
        ["not sure"] = SurveyAnswer.Unsure,
        ["don't know"] = SurveyAnswer.Unsure,
        ["ja"] = SurveyAnswer.Yes,
        ["nee"] = SurveyAnswer.No,
        ["weet niet"] = SurveyAnswer.Unsure,
        ["weet ik niet"] = SurveyAnswer.Unsure,
        ["true"] = SurveyAnswer.Yes,
        ["false"] = SurveyAnswer.No,
    };
}
