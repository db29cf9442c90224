using System.Net;
using System.Security;

namespace ChatHistory.Security;

/// <summary>
/// A token, password, webhook URL or channel secret. It prints as *** everywhere; only the code
/// that puts it on the wire calls <see cref="Reveal"/>.
/// </summary>
public sealed class Secret
{
    private readonly string value;

    public Secret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        this.value = value;
    }

    public static Secret FromSecureString(SecureString secure) =>
        new(new NetworkCredential(string.Empty, secure).Password);

    public string Reveal() => value;

    public override string ToString() => Redactor.Mask;
}
