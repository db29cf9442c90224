using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChatHistory.Model;

namespace ChatHistory.Archive;

/// <summary>
/// One message as one JSON line: enums as names, dates in ISO 8601 with their offset, attachments
/// whole, no type names, the same whatever the culture. Raw (the provider's JSON) only when asked
/// for; AttachmentUrls is left out because Attachments holds the same URLs.
/// </summary>
internal static class ArchiveJson
{
    private static readonly JsonSerializerOptions WithoutRaw = Create(includeRaw: false);
    private static readonly JsonSerializerOptions WithRaw = Create(includeRaw: true);

    public static byte[] Line(ChatMessage message, bool includeRaw)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(message, includeRaw ? WithRaw : WithoutRaw);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    private static JsonSerializerOptions Create(bool includeRaw)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(ChatMessage))
            {
                return;
            }

            foreach (var property in info.Properties.Where(p => p.Name == nameof(ChatMessage.AttachmentUrls) || (!includeRaw && p.Name == nameof(ChatMessage.Raw))).ToList())
            {
                info.Properties.Remove(property);
            }
        });
        return new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            Converters = { new JsonStringEnumConverter() },
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Files, not HTML: non-ASCII text stays readable instead of \uXXXX escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
    }
}
