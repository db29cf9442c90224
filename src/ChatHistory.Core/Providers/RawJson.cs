using System.Text;
using System.Text.Json;

namespace ChatHistory.Providers;

/// <summary>The provider's JSON for the Raw member, with credential-like members left out.</summary>
public static class RawJson
{
    /// <summary>The element's JSON without the members named (at any depth, case-insensitive).</summary>
    public static string Without(JsonElement element, params string[] names)
    {
        var omitted = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(element, writer, omitted);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer, HashSet<string> omitted)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (!omitted.Contains(property.Name))
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
