using System.Text;
using ChatHistory.Model;

namespace ChatHistory.Tests.Mapping;

/// <summary>Raw given as UTF-8 bytes reads as the same text as Raw given as a string.</summary>
public class ChatMessageRawTests
{
    [Fact]
    public void RawGivenAsUtf8ReadsAsItsText()
    {
        const string json = """{"_id":"m1","msg":"Grüße, 東京 ✓"}""";
        var message = new ChatMessage { RawUtf8 = Encoding.UTF8.GetBytes(json) };

        Assert.Equal(json, message.Raw);
        Assert.Same(message.Raw, message.Raw); // decoded once, then kept
    }

    [Fact]
    public void RawGivenAsTextOrNotAtAll()
    {
        Assert.Equal("{}", new ChatMessage { Raw = "{}" }.Raw);
        Assert.Null(new ChatMessage().Raw);
    }
}
