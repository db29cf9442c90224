using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace ChatHistory.Simulator.Kommo;

/// <summary>
/// amojo's check of a request: Content-MD5 matches the body received, the Date is within the
/// allowed skew, and X-Signature is the HMAC-SHA1 of method, Content-MD5, Content-Type, Date and
/// the path as sent. Written apart from the client's code so that each checks the other.
/// </summary>
public static class KommoSignatureCheck
{
    private static readonly string[] DateFormats = ["ddd, dd MMM yyyy HH:mm:ss '+0000'", "r"];

    /// <summary>Null when the request is signed right, otherwise why not.</summary>
    public static async Task<string?> FailureAsync(HttpContext context, KommoOptions options, DateTimeOffset now)
    {
        var request = context.Request;
        var date = request.Headers.Date.ToString();
        var contentMd5 = request.Headers["Content-MD5"].ToString();
        var contentType = request.Headers.ContentType.ToString();
        var signature = request.Headers["X-Signature"].ToString();
        if (date.Length == 0 || contentMd5.Length == 0 || contentType.Length == 0 || signature.Length == 0)
        {
            return "Date, Content-MD5, Content-Type and X-Signature are required";
        }

        if (!DateTimeOffset.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent))
        {
            return "Date is not an RFC 2822 date";
        }

        if ((now - sent).Duration() > options.MaxClockSkew)
        {
            return "Date is too far from the server's time";
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (!string.Equals(Hex(MD5.HashData(body.ToArray())), contentMd5, StringComparison.OrdinalIgnoreCase))
        {
            return "Content-MD5 does not match the body";
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var path = target.Split('?')[0];
        var text = string.Join("\n", request.Method, contentMd5, contentType, date, path);
        var expected = Hex(HMACSHA1.HashData(Encoding.UTF8.GetBytes(options.ChannelSecret), Encoding.UTF8.GetBytes(text)));
        return string.Equals(expected, signature, StringComparison.OrdinalIgnoreCase) ? null : "Invalid signature";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
