using System.Net;
using ChatHistory.Http;

namespace ChatHistory.Providers.Bitrix24;

/// <summary>
/// Bitrix24's error codes (the body's "error" string, which is stabler than the HTTP status) to
/// ChatHistoryException with a kind, the provider's own text and a hint.
/// </summary>
internal static class Bitrix24Errors
{
    public const string MethodNotFound = "ERROR_METHOD_NOT_FOUND";
    public const string ExpiredToken = "expired_token";
    public const string OffsetTooLarge = "OFFSET_TOO_LARGE";
    public const string QueryLimitExceeded = "QUERY_LIMIT_EXCEEDED";
    public const string OperationTimeLimit = "OPERATION_TIME_LIMIT";
    public const string ChatType = "CHAT_TYPE";

    /// <summary>The error code and description of a body, or nulls when it carries none.</summary>
    public static (string? Code, string? Description) Read(JsonBody body) =>
        body.IsEmpty ? (null, null) : (body.Root.Str("error"), body.Root.Str("error_description"));

    public static ChatHistoryException From(JsonBody body, string what, string? sessionId = null)
    {
        var (code, description) = Read(body);
        return From(code, description, (int)body.Status, what, sessionId);
    }

    public static ChatHistoryException From(string? code, string? description, int? status, string what, string? sessionId)
    {
        var providerMessage = code is null ? description : description is null ? code : $"{code}: {description}";
        var (kind, message, hint) = Describe(code, what);
        if (kind is null && status is null)
        {
            // A batch entry's error: no HTTP status of its own.
            return new ChatHistoryException(ChatErrorKind.ServerError, $"Bitrix24 could not answer {what}.")
            {
                ProviderMessage = providerMessage,
                SessionId = sessionId,
            };
        }

        if (kind is null)
        {
            var generic = StatusErrors.From((HttpStatusCode)status!.Value, providerMessage, what);
            return new ChatHistoryException(generic.Kind, generic.Message)
            {
                StatusCode = status,
                ProviderMessage = providerMessage,
                SessionId = sessionId,
                Hint = hint,
            };
        }

        return new ChatHistoryException(kind.Value, message!)
        {
            StatusCode = status,
            ProviderMessage = providerMessage,
            SessionId = sessionId,
            Hint = hint,
        };
    }

    /// <summary>
    /// A chat dialog.get answered that is not an Open Channels chat. Bitrix24 itself says nothing
    /// (it answers for group chats too), so the error carries no provider message, only what was found.
    /// </summary>
    public static ChatHistoryException NotAnOpenLine(string what, string? chatType, string? sessionId)
    {
        var (_, message, hint) = Describe(ChatType, what);
        return new ChatHistoryException(ChatErrorKind.InvalidArgument, $"{message} Its type is '{chatType ?? "unknown"}'.")
        {
            SessionId = sessionId,
            Hint = hint,
        };
    }

    private static (ChatErrorKind? Kind, string? Message, string? Hint) Describe(string? code, string what) => code switch
    {
        "ACCESS_DENIED" => (ChatErrorKind.AccessDenied, $"Bitrix24 denied access to {what}.",
            "The webhook's user (or the OAuth app's user) needs the Open Channels right to view the history of all dialogs; "
            + "Bitrix24 also answers ACCESS_DENIED for a session that has no messages."),
        ChatType => (ChatErrorKind.InvalidArgument, $"{Capital(what)} is not an Open Channels dialog.",
            "Pass the CHAT_ID, DIALOG_ID or USER_CODE of an Open Channels (lines) chat."),
        // imopenlines.dialog.get answers ACCESS_ERROR alike for a chat that does not exist and for one the
        // user may not open (imopenlines lib/rest.php dialogGet; b24-rest-docs imopenlines-dialog-get.md).
        "ACCESS_ERROR" => (ChatErrorKind.NotFound, $"Bitrix24 has no dialog this user may open: {what}.",
            "Bitrix24 gives the same answer for a chat that does not exist and for one the user may not see: check the id, "
            + "and that the webhook's user (or the OAuth app's user) may open that Open Channels dialog."),
        "CHAT_ID" => (ChatErrorKind.NotFound, $"Bitrix24 knows no such chat: {what}.",
            "Check the chat id (the number in chat<id>), or look the dialog up by -UserCode or -SessionId."),
        "INVALID_SESSION_ID" => (ChatErrorKind.NotFound, $"Bitrix24 knows no such session: {what}.",
            "Check the session id; Get-ChatSession lists the sessions of a time window."),
        "NOT_FOUND" => (ChatErrorKind.NotFound, $"Not found: {what}.", null),
        "MISSING_REQUIRED_PARAM" or "INVALID_ARGUMENT" or "PERIOD_TOO_LARGE" => (ChatErrorKind.InvalidArgument,
            $"Bitrix24 refused the parameters for {what}.",
            "Bitrix24's own message (ErrorDetails) names the parameter: check that ids are numbers and, for a period, "
            + "narrow -Since/-Until (Bitrix24 refuses periods that are too large)."),
        MethodNotFound => (ChatErrorKind.NotSupported, $"This Bitrix24 portal does not offer the method needed for {what}.",
            "Update the portal, or check that the webhook or app has the imopenlines scope."),
        ExpiredToken => (ChatErrorKind.AuthenticationFailed, $"The Bitrix24 access token has expired (reading {what}).",
            "Connect again with a fresh -AccessToken, or add -RefreshToken, -ClientId and -ClientSecret so that it is renewed."),
        "invalid_token" or "NO_AUTH_FOUND" or "INVALID_CREDENTIALS" or "invalid_grant" or "invalid_client" or "wrong_client"
            or "WRONG_AUTH_TYPE" or "PORTAL_DELETED" or "authorization_error" => (ChatErrorKind.AuthenticationFailed,
            $"Bitrix24 refused the credentials (reading {what}).",
            "Check the webhook URL or the token; a webhook stops working when it is deleted or its user is dismissed."),
        "insufficient_scope" => (ChatErrorKind.AccessDenied, $"The webhook or app lacks a scope needed for {what}.",
            "Give the webhook or app the imopenlines scope (and crm for portals without imopenlines.v2.Session.list)."),
        QueryLimitExceeded or OperationTimeLimit => (ChatErrorKind.Throttled,
            $"Bitrix24 kept throttling requests for {what}; retries ran out.",
            "Lower -RequestsPerSecond and -Burst (a standard portal allows 2 requests a second, bursts of 50), or try again later."),
        _ => (null, null, null),
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
