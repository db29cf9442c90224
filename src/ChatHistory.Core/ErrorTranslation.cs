using ChatHistory.Security;
using Polly.Timeout;

namespace ChatHistory;

/// <summary>Turns whatever escaped a provider into a ChatHistoryException whose text holds no secret.</summary>
internal static class ErrorTranslation
{
    public static ChatHistoryException ToChatHistoryException(Exception exception, Redactor redactor, string? sessionId)
    {
        var translated = exception switch
        {
            ChatHistoryException chat => new ChatHistoryException(chat.Kind, redactor.Redact(chat.Message))
            {
                SessionId = chat.SessionId ?? sessionId,
                ProviderMessage = chat.ProviderMessage is null ? null : redactor.Redact(chat.ProviderMessage),
                Hint = chat.Hint,
                StatusCode = chat.StatusCode,
            },
            TimeoutRejectedException or TimeoutException => new ChatHistoryException(
                ChatErrorKind.ConnectionFailed, "The server did not answer in time, even after retries."),
            HttpRequestException or IOException => new ChatHistoryException(
                ChatErrorKind.ConnectionFailed,
                "The connection to the server failed, even after retries: " + redactor.Redact(exception.Message)),
            System.Text.Json.JsonException => new ChatHistoryException(
                ChatErrorKind.ProtocolError, "The server's answer was not the JSON expected: " + redactor.Redact(exception.Message)),
            OperationCanceledException => new ChatHistoryException(
                ChatErrorKind.ConnectionFailed, "The request was abandoned before the server answered."),
            _ => new ChatHistoryException(
                ChatErrorKind.ProtocolError, $"Unexpected {exception.GetType().Name}: {redactor.Redact(exception.Message)}"),
        };
        return translated.SessionId is null && sessionId is not null ? translated.ForSession(sessionId) : translated;
    }
}
