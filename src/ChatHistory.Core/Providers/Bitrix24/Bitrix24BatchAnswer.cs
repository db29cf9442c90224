using System.Text.Json;
using ChatHistory.Model;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// A batch of imopenlines.session.history.get commands as its answer's result holds them: each
/// command's messages under result.result, or its error under result.result_error, by command key.
/// Read in the one pass over the answer (<see cref="Bitrix24Answer{T}"/>), each history as it comes.
/// </summary>
internal sealed class Bitrix24BatchAnswer
{
    /// <summary>The messages of each command whose result was an object, oldest first.</summary>
    public Dictionary<string, List<ChatMessage>> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>The error code and description of each command the portal refused.</summary>
    public Dictionary<string, (string? Code, string? Description)> Errors { get; } = new(StringComparer.Ordinal);

    /// <param name="sessionOf">The session id each command key asked for.</param>
    public static ResultReader<Bitrix24BatchAnswer> Reader(IReadOnlyDictionary<string, string> sessionOf, Uri portal, string connection) =>
        (ref Utf8JsonReader reader, ReadOnlySpan<byte> json) =>
        {
            var answer = new Bitrix24BatchAnswer();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return answer;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isResult = Bitrix24Json.NameIs(ref reader, "result"u8);
                var isError = !isResult && Bitrix24Json.NameIs(ref reader, "result_error"u8);
                reader.Read();
                if (isResult)
                {
                    answer.ReadResults(ref reader, json, sessionOf, portal, connection);
                }
                else if (isError)
                {
                    answer.ReadErrors(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            return answer;
        };

    /// <summary>The commands' results by key; PHP writes an empty map as [].</summary>
    private void ReadResults(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, IReadOnlyDictionary<string, string> sessionOf, Uri portal, string connection)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (!sessionOf.TryGetValue(key, out var sessionId))
            {
                reader.Skip();
                continue;
            }

            if (Bitrix24HistoryReader.Read(ref reader, json, sessionId, portal, connection) is { } messages)
            {
                Results[key] = messages;
            }
            else
            {
                Results.Remove(key);
            }
        }
    }

    private void ReadErrors(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? code = null;
            string? description = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = Bitrix24Json.NameIs(ref reader, "error"u8);
                var isDescription = !isCode && Bitrix24Json.NameIs(ref reader, "error_description"u8);
                reader.Read();
                if (isCode)
                {
                    code = Bitrix24Json.Text(ref reader);
                }
                else if (isDescription)
                {
                    description = Bitrix24Json.Text(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            Errors[key] = (code, description);
        }
    }
}
