namespace Pipeline.Application.Closes;

/// <summary>The state of a month in the <c>Closes</c> table.</summary>
public enum CloseStatus
{
    Open,
    Closed,
    Reopened,
}
