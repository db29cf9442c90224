using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ChatHistory.Providers;

/// <summary>The provider's JSON for the Raw member, with credential-like members left out.</summary>
public static class RawJson
{
    // One writer per thread, reused: a payload that needs rewriting costs its result string only.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? writer;

    /// <summary>The element's JSON without the members of that exact name, at any depth.</summary>
    public static string Without(JsonElement element, string name)
    {
        // Most payloads do not hold the member at all: keep their text as it came.
        if (!Holds(element, name))
        {
            return element.GetRawText();
        }

        var output = buffer ??= new ArrayBufferWriter<byte>(1024);
        output.ResetWrittenCount();
        var json = writer ??= new Utf8JsonWriter(output);
        json.Reset(output);
        Write(element, json, name);
        json.Flush();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static bool Holds(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty(name, out _))
                {
                    return true;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Holds(property.Value, name))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Holds(item, name))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer, string omitted)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals(omitted))
                    {
                        continue;
                    }

                    if (Holds(property.Value, omitted))
                    {
                        writer.WritePropertyName(property.Name);
                        Write(property.Value, writer, omitted);
                    }
                    else
                    {
                        property.WriteTo(writer); // name and value as they came, no string for the name
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    if (Holds(item, omitted))
                    {
                        Write(item, writer, omitted);
                    }
                    else
                    {
                        item.WriteTo(writer);
                    }
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
