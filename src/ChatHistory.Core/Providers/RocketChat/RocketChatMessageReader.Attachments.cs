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
    private FileFields ReadFile(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var file = new FileFields();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            cuts.SkipValue(ref reader, json);
            return file;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (TokenCuts.IsToken(ref reader))
            {
                cuts.Cut(ref reader, json);
                continue;
            }

            if (reader.ValueTextEquals("name"u8))
            {
                file.Name = NextTextAt(ref reader, json);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                file.Type = NextTextAt(ref reader, json);
            }
            else if (reader.ValueTextEquals("size"u8))
            {
                file.Size = NextTextAt(ref reader, json);
            }
            else
            {
                reader.Read();
                cuts.SkipValue(ref reader, json);
            }
        }

        return file;
    }

    /// <summary>An item of attachments[], which carries a file's link and, for media, its type and size.</summary>
    private LinkFields ReadLink(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var link = new LinkFields();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            cuts.SkipValue(ref reader, json);
            return link;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (TokenCuts.IsToken(ref reader))
            {
                cuts.Cut(ref reader, json);
                continue;
            }

            if (reader.ValueTextEquals("title"u8))
            {
                link.Title = NextTextAt(ref reader, json);
            }
            else if (reader.ValueTextEquals("title_link"u8))
            {
                link.TitleLink = NextTextAt(ref reader, json);
            }
            else if (reader.ValueTextEquals("image_url"u8))
            {
                link.ImageUrl = NextTextAt(ref reader, json);
            }
            else if (reader.ValueTextEquals("video_url"u8))
            {
                link.VideoUrl = NextTextAt(ref reader, json);
            }
            else if (reader.ValueTextEquals("audio_url"u8))
            {
                link.AudioUrl = NextTextAt(ref reader, json);
            }
            else if (reader.ValueTextEquals("image_type"u8))
            {
                link.ImageType = NextTextAt(ref reader, json);
            }
            else if (reader.ValueTextEquals("video_type"u8))
            {
                link.VideoType = NextTextAt(ref reader, json);
            }
            else if (reader.ValueTextEquals("audio_type"u8))
            {
                link.AudioType = NextTextAt(ref reader, json);
            }
            else if (reader.ValueTextEquals("image_size"u8))
            {
                link.ImageSize = NextTextAt(ref reader, json);
            }
            else
            {
                reader.Read();
                cuts.SkipValue(ref reader, json);
            }
        }

        return link;
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
