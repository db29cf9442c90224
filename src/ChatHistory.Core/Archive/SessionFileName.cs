using System.Security.Cryptography;
using System.Text;
using ChatHistory.Attachments;

namespace ChatHistory.Archive;

/// <summary>
/// A session id (or server identity) as one file-name segment on every platform: the rules of
/// <see cref="SafeFileName"/>, with separators replaced rather than cut off (an id is not a path),
/// and a short hash of the original added whenever anything changed, so that two ids that differ
/// only in such characters (Bitrix24 user codes "imol|telegram|1|42") never share a file.
/// </summary>
internal static class SessionFileName
{
    private const int MaximumLength = 120;

    public static string Of(string id)
    {
        // '~' is kept for the hash below.
        var safe = SafeFileName.From(id.Replace('/', '_').Replace('\\', '_').Replace('~', '_'));

        // A leading dot would hide the file on Unix and mark it as one of the archive's temporary files.
        if (safe.StartsWith('.'))
        {
            safe = "_" + safe;
        }

        if (safe == id && safe.Length <= MaximumLength)
        {
            return safe;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)), 0, 4).ToLowerInvariant();
        return $"{safe[..Math.Min(safe.Length, MaximumLength)]}~{hash}";
    }
}
