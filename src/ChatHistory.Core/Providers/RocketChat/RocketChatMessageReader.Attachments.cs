using System.Text.Json;

namespace ChatHistory.Providers.RocketChat;

/// <summary>files[], file and attachments[]: where each member that may become an attachment's is.</summary>
internal sealed partial class RocketChatMessageReader
{
    private delegate T ItemReader<T>(RocketChatMessageReader self, ref Utf8JsonReader reader, ReadOnlySpan<byte> json);

    /// <summary>An array's items (files[], attachments[]); empty when the value is not an array.</summary>
    private List<T> Items<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ItemReader<T> item)
    {
        var items = new List<T>(1);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            cuts.SkipValue(ref reader, json);
            return items;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(item(this, ref reader, json));
        }

        return items;
    }

    /// <summary>An uploaded file of files[] or file: its name, MIME type and size; all null when it is not an object.</summary>
    private FileFields ReadFile(ref Utf8JsonReader reader, ReadOnlySpan<byte> json) => ReadObject<FileFields>(ref reader, json, FileMember);

    /// <summary>An item of attachments[], which carries a file's link and, for media, its type and size.</summary>
    private LinkFields ReadLink(ref Utf8JsonReader reader, ReadOnlySpan<byte> json) => ReadObject<LinkFields>(ref reader, json, LinkMember);

    private static bool FileMember(RocketChatMessageReader self, ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref FileFields file)
    {
        if (reader.ValueTextEquals("name"u8))
        {
            file.Name = self.NextTextAt(ref reader, json);
        }
        else if (reader.ValueTextEquals("type"u8))
        {
            file.Type = self.NextTextAt(ref reader, json);
        }
        else if (reader.ValueTextEquals("size"u8))
        {
            file.Size = self.NextTextAt(ref reader, json);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static bool LinkMember(RocketChatMessageReader self, ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref LinkFields link)
    {
        if (reader.ValueTextEquals("title"u8))
        {
            link.Title = self.NextTextAt(ref reader, json);
        }
        else if (reader.ValueTextEquals("title_link"u8))
        {
            link.TitleLink = self.NextTextAt(ref reader, json);
        }
        else if (reader.ValueTextEquals("image_url"u8))
        {
            link.ImageUrl = self.NextTextAt(ref reader, json);
        }
        else if (reader.ValueTextEquals("video_url"u8))
        {
            link.VideoUrl = self.NextTextAt(ref reader, json);
        }
        else if (reader.ValueTextEquals("audio_url"u8))
        {
            link.AudioUrl = self.NextTextAt(ref reader, json);
        }
        else if (reader.ValueTextEquals("image_type"u8))
        {
            link.ImageType = self.NextTextAt(ref reader, json);
        }
        else if (reader.ValueTextEquals("video_type"u8))
        {
            link.VideoType = self.NextTextAt(ref reader, json);
        }
        else if (reader.ValueTextEquals("audio_type"u8))
        {
            link.AudioType = self.NextTextAt(ref reader, json);
        }
        else if (reader.ValueTextEquals("image_size"u8))
        {
            link.ImageSize = self.NextTextAt(ref reader, json);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>From a member's name, where its value's text is (nothing for objects and arrays, which it moves past).</summary>
    private JsonText NextTextAt(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        reader.Read();
        var text = JsonText.At(ref reader);
        cuts.SkipValue(ref reader, json);
        return text;
    }
}
