using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace ChatHistory.Simulator.Bitrix24;

/// <summary>
/// A REST call's parameters, from a JSON body, a form or a query string (PHP style: filter[a]=1,
/// select[]=x), read case-insensitively as Bitrix24 does.
/// </summary>
public static class Bitrix24Params
{
    public static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        var parameters = FromPairs(request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value)));
        if (request.HasJsonContentType() && request.ContentLength != 0)
        {
            try
            {
                if (await JsonNode.ParseAsync(request.Body) is JsonObject body)
                {
                    Merge(parameters, body);
                }
            }
            catch (JsonException)
            {
                // Bitrix24 reads what it can; the method then misses its parameters.
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            Merge(parameters, FromPairs(form.Select(f => KeyValuePair.Create(f.Key, f.Value))));
        }

        return parameters;
    }

    /// <summary>A batch command, "method?A=1&amp;B=2", split into the method and its parameters.</summary>
    public static (string Method, JsonObject Parameters) ParseCommand(string command)
    {
        var question = command.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return (command, new JsonObject());
        }

        var query = QueryHelpers.ParseQuery(command[question..]);
        return (command[..question], FromPairs(query.Select(q => KeyValuePair.Create(q.Key, q.Value))));
    }

    public static JsonNode? Get(this JsonObject parameters, string name) =>
        parameters.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static string? Text(this JsonObject parameters, string name) => AsText(parameters.Get(name));

    public static int? Int(this JsonObject parameters, string name) =>
        int.TryParse(parameters.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static DateTimeOffset? Date(this JsonObject parameters, string name) =>
        DateTimeOffset.TryParse(parameters.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    public static string? AsText(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    private static JsonObject FromPairs(IEnumerable<KeyValuePair<string, StringValues>> pairs)
    {
        var result = new JsonObject();
        foreach (var (key, values) in pairs)
        {
            var bracket = key.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                result[key] = values.ToString();
                continue;
            }

            var name = key[..bracket];
            var inner = key[(bracket + 1)..].TrimEnd(']');
            if (inner.Length == 0)
            {
                var array = result[name] as JsonArray ?? new JsonArray();
                foreach (var value in values)
                {
                    array.Add(value);
                }

                result[name] = array;
            }
            else
            {
                var target = result[name] as JsonObject ?? new JsonObject();
                target[inner] = values.ToString();
                result[name] = target;
            }
        }

        return result;
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToList())
        {
            target[key] = value?.DeepClone();
        }
    }
}
