namespace ChatHistory.Model;

/// <summary>The session states every provider can filter on.</summary>
public enum ChatSessionStatus
{
    Any,
    Open,
    Closed,
}
