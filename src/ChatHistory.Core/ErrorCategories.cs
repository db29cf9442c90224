namespace ChatHistory;

/// <summary>
/// The PowerShell ErrorCategory (by name, since Core does not reference PowerShell) for each kind
/// of error; a test checks every name against the real enum.
/// </summary>
public static class ErrorCategories
{
    public static string NameOf(ChatErrorKind kind) => kind switch
    {
        ChatErrorKind.AuthenticationFailed => "AuthenticationError",
        ChatErrorKind.AccessDenied => "PermissionDenied",
        ChatErrorKind.NotFound => "ObjectNotFound",
        ChatErrorKind.Throttled => "LimitsExceeded",
        ChatErrorKind.ProtocolError => "ProtocolError",
        ChatErrorKind.InvalidArgument => "InvalidArgument",
        ChatErrorKind.ConnectionFailed => "ConnectionError",
        ChatErrorKind.ServerError => "ResourceUnavailable",
        ChatErrorKind.NotSupported => "NotImplemented",
        ChatErrorKind.WriteFailed => "WriteError",
        _ => "NotSpecified",
    };
}
