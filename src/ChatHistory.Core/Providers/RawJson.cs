using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ChatHistory.Providers;

/// <summary>The provider's JSON for the Raw member, with credential-like members left out.</summary>
public static class RawJson
{
    /// <summary>The element's JSON without the members of that exact name, at any depth.</summary>
    public static string Without(JsonElement element, string name)
    {
        var raw = element.GetRawText();
        // Most payloads do not hold the member at all: keep them as they are, at no extra cost.
        if (!raw.Contains($"\"{name}\"", StringComparison.Ordinal))
        {
            return raw;
        }

        var buffer = new ArrayBufferWriter<byte>(raw.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(element, writer, name);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer, string omitted)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (!property.NameEquals(omitted))
                    {
                        writer.WritePropertyName(property.Name);
                        Write(property.Value, writer, omitted);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer, omitted);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
