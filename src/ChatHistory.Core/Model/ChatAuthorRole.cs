namespace ChatHistory.Model;

/// <summary>Who wrote a message, in the same terms for every provider.</summary>
public enum ChatAuthorRole
{
    Visitor,
    Agent,
    Bot,
    System,
}
