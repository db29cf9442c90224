using System.Text.Json;
using ChatHistory.Model;

namespace ChatHistory.Tests.Support;

/// <summary>How two mappings of the same message differ, for the tests that compare a reader with the mapper it replaced.</summary>
internal static class MessageDifferences
{
    /// <summary>Every field the mapping fills, Raw as parsed JSON; an empty list when the two agree.</summary>
    public static List<string> Of(ChatMessage expected, ChatMessage actual)
    {
        var differences = new List<string>();
        void Check<T>(string name, T left, T right)
        {
            if (!EqualityComparer<T>.Default.Equals(left, right))
            {
                differences.Add($"{expected.MessageId}.{name}: expected <{left}>, got <{right}>");
            }
        }

        Check(nameof(ChatMessage.Provider), expected.Provider, actual.Provider);
        Check(nameof(ChatMessage.Connection), expected.Connection, actual.Connection);
        Check(nameof(ChatMessage.SessionId), expected.SessionId, actual.SessionId);
        Check(nameof(ChatMessage.MessageId), expected.MessageId, actual.MessageId);
        Check(nameof(ChatMessage.Timestamp), expected.Timestamp, actual.Timestamp);
        Check("Timestamp.Offset", expected.Timestamp.Offset, actual.Timestamp.Offset);
        Check(nameof(ChatMessage.AuthorId), expected.AuthorId, actual.AuthorId);
        Check(nameof(ChatMessage.AuthorName), expected.AuthorName, actual.AuthorName);
        Check(nameof(ChatMessage.AuthorRole), expected.AuthorRole, actual.AuthorRole);
        Check(nameof(ChatMessage.Text), expected.Text, actual.Text);
        Check(nameof(ChatMessage.OriginalText), expected.OriginalText, actual.OriginalText);
        Check(nameof(ChatMessage.Kind), expected.Kind, actual.Kind);
        Check(nameof(ChatMessage.EditedAt), expected.EditedAt, actual.EditedAt);
        Check("EditedAt.Offset", expected.EditedAt?.Offset, actual.EditedAt?.Offset);
        Check(nameof(ChatMessage.AttachmentCount), expected.AttachmentCount, actual.AttachmentCount);
        for (var i = 0; i < Math.Min(expected.AttachmentCount, actual.AttachmentCount); i++)
        {
            var (left, right) = (expected.Attachments[i], actual.Attachments[i]);
            Check($"Attachments[{i}].Name", left.Name, right.Name);
            Check($"Attachments[{i}].Url", left.Url, right.Url);
            Check($"Attachments[{i}].ContentType", left.ContentType, right.ContentType);
            Check($"Attachments[{i}].Kind", left.Kind, right.Kind);
            Check($"Attachments[{i}].Size", left.Size, right.Size);
        }

        if (!SameJson(expected.Raw!, actual.Raw!))
        {
            differences.Add($"{expected.MessageId}.Raw: expected <{expected.Raw}>, got <{actual.Raw}>");
        }

        return differences;
    }

    /// <summary>Equal as parsed JSON (JsonElement compares repeated member names too, which JsonNode refuses).</summary>
    public static bool SameJson(string expected, string actual)
    {
        using var left = JsonDocument.Parse(expected);
        using var right = JsonDocument.Parse(actual);
        return JsonElement.DeepEquals(left.RootElement, right.RootElement);
    }
}
