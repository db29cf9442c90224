using System.Text.Json;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>Reads an answer's "result" value; the reader is on the value and is left on its last token.</summary>
internal delegate T? ResultReader<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> json);

/// <summary>
/// What a Bitrix24 answer says at its top level: whether it is an error, its time block
/// (time.operating and time.operating_reset_at, for <see cref="Bitrix24OperatingBudget"/>), and its
/// result as the caller's reader makes it, in the same pass, so that a large answer is read once.
/// </summary>
internal readonly record struct Bitrix24Answer<T>(bool IsError, double? Operating, double? OperatingResetAt, T? Result)
{
    /// <exception cref="JsonException">The answer is not valid JSON.</exception>
    public static Bitrix24Answer<T> Read(ReadOnlySpan<byte> json, ResultReader<T>? readResult)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var error = false;
        double? operating = null;
        double? resetAt = null;
        T? result = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
        }
        else
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isResult = readResult is not null && Bitrix24Json.NameIs(ref reader, "result"u8);
                var isError = Bitrix24Json.NameIs(ref reader, "error"u8);
                var isTime = Bitrix24Json.NameIs(ref reader, "time"u8);
                reader.Read();
                if (isResult)
                {
                    result = readResult!(ref reader, json);
                }
                else if (isError)
                {
                    error = reader.TokenType != JsonTokenType.Null;
                    reader.Skip();
                }
                else if (isTime)
                {
                    (operating, resetAt) = ReadTime(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        // Anything after the answer's value is malformed JSON, as it is to a parser.
        reader.Read();
        return new Bitrix24Answer<T>(error, operating, resetAt, result);
    }

    /// <summary>
    /// The same from the parsed answer, for a caller that reads its result from the document: it
    /// parses the answer anyway, so reading the head from the document keeps that answer read once.
    /// </summary>
    /// <exception cref="ChatHistoryException">ProtocolError when the answer is not valid JSON.</exception>
    public static Bitrix24Answer<T> FromDocument(Http.JsonBody body)
    {
        var time = body.Root.Obj("time");
        return new Bitrix24Answer<T>(
            body.Root.Get("error") is not null, Bitrix24Json.Number(time?.Str("operating")), Bitrix24Json.Number(time?.Str("operating_reset_at")), default);
    }

    private static (double? Operating, double? ResetAt) ReadTime(ref Utf8JsonReader reader)
    {
        double? operating = null;
        double? resetAt = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (null, null);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isOperating = Bitrix24Json.NameIs(ref reader, "operating"u8);
            var isResetAt = Bitrix24Json.NameIs(ref reader, "operating_reset_at"u8);
            reader.Read();
            if (isOperating)
            {
                operating = Bitrix24Json.Number(ref reader);
            }
            else if (isResetAt)
            {
                resetAt = Bitrix24Json.Number(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return (operating, resetAt);
    }
}
