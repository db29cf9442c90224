using ChatHistory.Model;
using ChatHistory.Providers.Bitrix24;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>Bitrix24 messages read the way the provider reads them, from a whole answer's bytes.</summary>
internal static class Bitrix24Messages
{
    /// <summary>The messages of an imopenlines.session.history.get answer's result; null when it has none.</summary>
    public static List<ChatMessage>? Read(byte[] answer, string sessionId, Uri portal, string connection) =>
        Bitrix24Answer<List<ChatMessage>>.Read(
            answer, (ref System.Text.Json.Utf8JsonReader reader, ReadOnlySpan<byte> json) => Bitrix24HistoryReader.Read(ref reader, json, sessionId, portal, connection)).Result;
}
