using System.Globalization;
using ChatHistory.Model;

namespace ChatHistory.Providers.SuperOffice;

/// <summary>
/// A chat message's <c>Type</c> and <c>SpecialType</c>, by name or number, as the vendor defines them
/// (SuperOfficeDocs <c>docs/automation/crmscript/api-reference/trigger-scripts/includes/enum-type.md</c>
/// and <c>enum-specialtype.md</c>): who wrote the message, and what kind of message it is.
/// </summary>
public static class SuperOfficeMessageTypes
{
    /// <summary>Type: Invalid 0 (in the REST sample), ToCustomer 1 (agent or bot to the customer), ToUser 2 (customer to the agent), Special 3 (system).</summary>
    private static readonly string[] TypeNames = ["Invalid", "ToCustomer", "ToUser", "Special"];

    /// <summary>SpecialType by number; 4 is not defined.</summary>
    private static readonly string?[] SpecialTypeNames =
    [
        "None", "Welcome", "Url", "Block", null, "NewSession", "TransferedSession", "Error", "SessionDeleted",
        "FaqSuccessQuestion", "ClosedByUser", "ClosedByCustomer", "ClosedByIdle", "TransferRejected",
        "ReopenedByCustomer", "ClickedOption", "BotMessage", "Options",
    ];

    /// <summary>SpecialTypes that record something happening to the session rather than someone writing.</summary>
    private static readonly HashSet<string> SessionEvents = new(StringComparer.OrdinalIgnoreCase)
    {
        "Welcome", "Block", "NewSession", "TransferedSession", "Error", "SessionDeleted", "ClosedByUser",
        "ClosedByCustomer", "ClosedByIdle", "TransferRejected", "ReopenedByCustomer",
    };

    public const string Url = "Url";

    public const string Options = "Options";

    /// <summary>The Type's vendor name (ToCustomer, ToUser, Special, Invalid), from a name, a TypeXxx name or a number; null when unknown.</summary>
    public static string? TypeName(string? value) => Name(value, "Type", TypeNames);

    /// <summary>The SpecialType's vendor name, from a name, a SpecialTypeXxx name or a number; null when unknown or empty.</summary>
    public static string? SpecialTypeName(string? value) => Name(value, "SpecialType", SpecialTypeNames);

    public static bool IsKnownType(string? value) => string.IsNullOrEmpty(value) || TypeName(value) is not null;

    public static bool IsKnownSpecialType(string? value) => string.IsNullOrEmpty(value) || SpecialTypeName(value) is not null;

    /// <summary>BotMessage is a bot; session events are the system; otherwise Type says who wrote to whom.</summary>
    public static ChatAuthorRole Role(string? type, string? specialType)
    {
        var special = SpecialTypeName(specialType);
        if (special == "BotMessage")
        {
            return ChatAuthorRole.Bot;
        }

        if (special is not null && SessionEvents.Contains(special))
        {
            return ChatAuthorRole.System;
        }

        return TypeName(type) switch
        {
            "ToCustomer" => ChatAuthorRole.Agent,
            "ToUser" => ChatAuthorRole.Visitor,
            _ => ChatAuthorRole.System,
        };
    }

    /// <summary>Url is a Link, session events are Events, other known values are Text; an unknown value passes through.</summary>
    public static string Kind(string? specialType, ChatAuthorRole role)
    {
        if (string.IsNullOrEmpty(specialType))
        {
            return role == ChatAuthorRole.System ? ChatMessageKinds.Event : ChatMessageKinds.Text;
        }

        return SpecialTypeName(specialType) switch
        {
            null => specialType,
            Url => ChatMessageKinds.Link,
            var name when SessionEvents.Contains(name) => ChatMessageKinds.Event,
            _ when role == ChatAuthorRole.System => ChatMessageKinds.Event,
            _ => ChatMessageKinds.Text,
        };
    }

    private static string? Name(string? value, string prefix, string?[] names)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 0 && number < names.Length ? names[number] : null;
        }

        // CRMScript writes the names with the enum's prefix (TypeToCustomer, SpecialTypeUrl).
        var bare = text.Length > prefix.Length && text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? text[prefix.Length..] : text;
        return names.FirstOrDefault(name => string.Equals(name, bare, StringComparison.OrdinalIgnoreCase));
    }
}
