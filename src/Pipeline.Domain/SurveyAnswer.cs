namespace Pipeline.Domain;

/// <summary>The answer to a yes/no survey question ("would you choose the same solution / provider again?").</summary>
public enum SurveyAnswer
{
    Yes,
    No,
    Unsure,
}
