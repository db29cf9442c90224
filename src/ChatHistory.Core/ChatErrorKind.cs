namespace ChatHistory;

/// <summary>
/// What went wrong, in terms the cmdlets turn into a stable ErrorId ("ChatHistory." + name) and an
/// ErrorCategory.
/// </summary>
public enum ChatErrorKind
{
    AuthenticationFailed,
    AccessDenied,
    NotFound,
    Throttled,
    ProtocolError,
    InvalidArgument,
    ConnectionFailed,
    ServerError,
    NotSupported,

    /// <summary>A local file could not be written (Save-ChatAttachment): disk full, no permission.</summary>
    WriteFailed,
}
