namespace ChatHistory.Model;

/// <summary>The help-desk platforms ChatHistory reads from.</summary>
public enum ChatProviderKind
{
    RocketChat,
    Bitrix24,
    SuperOffice,
    Kommo,
}
