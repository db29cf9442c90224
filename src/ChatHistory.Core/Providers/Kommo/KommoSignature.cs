using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatHistory.Security;

namespace ChatHistory.Providers.Kommo;

/// <summary>
/// amojo's request signature: lower-case hex HMAC-SHA1, keyed by the channel secret, over
/// METHOD, Content-MD5, Content-Type, Date and the path (no scheme, host or query), one per line.
/// </summary>
internal static class KommoSignature
{
    public const string ContentType = "application/json";

    /// <summary>Lower-case hex MD5 of the exact body bytes (an empty body for a GET).</summary>
    public static string ContentMd5(ReadOnlySpan<byte> body) => Convert.ToHexString(MD5.HashData(body)).ToLowerInvariant();

    /// <summary>RFC 2822 with a numeric zone, as amojo's documentation writes it: Tue, 13 Dec 2022 11:00:00 +0000.</summary>
    public static string FormatDate(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public static string Sign(Secret channelSecret, string method, string contentMd5, string contentType, string date, string path)
    {
        var text = string.Join("\n", method.ToUpperInvariant(), contentMd5, contentType, date, path);
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(channelSecret.Reveal()), Encoding.UTF8.GetBytes(text));
        return Convert.ToHexString(mac).ToLowerInvariant();
    }
}
