using System.Security.Cryptography;
using System.Text;

namespace ChatHistory.Archive;

/// <summary>
/// A session id (or server identity) as one file-name segment on every platform. Ids may hold
/// characters no file system takes (Bitrix24 user codes "imol|telegram|1|42", Kommo ids, URLs): those
/// become '_', and a short hash of the original is added whenever anything was replaced, so that two
/// ids that differ only in such characters never share a file.
/// Kept private to the archive on purpose: Core/Attachments has the general SafeFileName for
/// attachment names, and the two can be folded together once both are merged.
/// </summary>
internal static class SessionFileName
{
    private const int MaximumLength = 120;
    private static readonly char[] Unsafe = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', '~'];

    public static string Of(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var character in id)
        {
            builder.Append(char.IsControl(character) || Array.IndexOf(Unsafe, character) >= 0 ? '_' : character);
        }

        // A leading dot would hide the file on Unix and mark it as one of the archive's temporary
        // files; a trailing dot or space is dropped by Windows.
        var safe = builder.ToString();
        if (safe.StartsWith('.') || safe.EndsWith('.') || safe.EndsWith(' '))
        {
            safe = "_" + safe.Trim('.', ' ') + "_";
        }

        if (safe == id && safe.Length <= MaximumLength)
        {
            return safe;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)), 0, 4).ToLowerInvariant();
        return $"{safe[..Math.Min(safe.Length, MaximumLength)]}~{hash}";
    }
}
