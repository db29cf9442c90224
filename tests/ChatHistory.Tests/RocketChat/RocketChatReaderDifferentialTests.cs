using System.Globalization;
using System.Text.Json;
using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.RocketChat;
using ChatHistory.Simulator;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.RocketChat;

/// <summary>
/// The reader-based mapper gives, for every message the simulator serves and for Rocket.Chat's own
/// sample (visitors.chatHistory's lastMessage, ../shared/fixtures), the ChatMessage the JsonElement
/// mapper it replaced gave: field by field, Raw as parsed JSON.
/// </summary>
public class RocketChatReaderDifferentialTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => simulator.Host;

    [Fact]
    public async Task EverySimulatedMessageMapsAsTheElementMapperMappedIt()
    {
        var server = new Uri(Host.RocketChatUrl);
        var options = Host.State.RocketChat.Options;
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add("X-User-Id", options.UserId);
        client.DefaultRequestHeaders.Add("X-Auth-Token", options.AuthToken);
        var differences = new List<string>();
        var compared = 0;
        var kinds = new HashSet<string>();
        var roles = new HashSet<ChatAuthorRole>();

        foreach (var room in RocketChatExpected.Rooms(Host))
        {
            // One reader per session, as the provider reads it: names shared between its pages.
            var reader = new RocketChatMessageReader(server, "rc", new RepeatedStrings());
            for (var offset = 0; ; )
            {
                var page = await client.GetByteArrayAsync(new Uri(server, string.Create(
                    CultureInfo.InvariantCulture, $"api/v1/livechat/{room.Id}/messages?offset={offset}&count=50")));
                var mapped = new List<ChatMessage>();
                var read = reader.ReadPage(page, mapped);
                using var document = JsonDocument.Parse(page);
                var expected = document.RootElement.GetProperty("messages").EnumerateArray()
                    .Select(m => ReferenceRocketChatMapper.MapMessage(m, server, "rc")).ToList();

                Assert.Equal(expected.Count, mapped.Count);
                Assert.Equal(document.RootElement.GetProperty("total").GetInt32(), read.Total);
                for (var i = 0; i < expected.Count; i++)
                {
                    differences.AddRange(MessageDifferences.Of(expected[i], mapped[i]));
                    kinds.Add(mapped[i].Kind);
                    roles.Add(mapped[i].AuthorRole);
                }

                compared += expected.Count;
                offset += read.Items;
                if (read.Items == 0 || offset >= read.Total)
                {
                    break;
                }
            }
        }

        Assert.Empty(differences);
        Assert.True(compared > 100, $"only {compared} messages compared");
        // The comparison covered the shapes the simulator writes: files, system events, every role.
        Assert.Contains(ChatMessageKinds.Image, kinds);
        Assert.Contains(ChatMessageKinds.Event, kinds);
        Assert.Superset(new HashSet<ChatAuthorRole> { ChatAuthorRole.Visitor, ChatAuthorRole.Agent, ChatAuthorRole.Bot, ChatAuthorRole.System }, roles);
    }

    [Fact]
    public void TheVendorSampleMessageMapsAsTheElementMapperMappedIt()
    {
        using var document = JsonDocument.Parse(Fixtures.Read("rocketchat-visitors-chathistory.json"));
        var message = document.RootElement.GetProperty("history")[0].GetProperty("lastMessage");

        var expected = ReferenceRocketChatMapper.MapMessage(message, RocketChatMessages.Server, "prod");
        var actual = RocketChatMessages.Map(message, "prod");

        Assert.Empty(MessageDifferences.Of(expected, actual));
        Assert.Equal(ChatAuthorRole.Visitor, actual.AuthorRole);
    }

    /// <summary>Shapes the simulator does not write, each compared with the element mapper.</summary>
    [Theory]
    [InlineData("""{"_id":"a","rid":"r","msg":"*Hi* [FAQ](https://x.test/faq)","ts":{"$date":1704103200000},"u":{"_id":"b","username":"rocket.cat"}}""")]
    [InlineData("""{"_id":1,"rid":2,"msg":null,"t":"uj","ts":"2024-01-01T10:00:00","u":"not an object","editedAt":"01/02/2024 10:00"}""")]
    [InlineData("""{"_id":"a","alias":"","token":"t","u":{"_id":"v","name":null,"username":"guest"},"bot":null,"files":null,"file":{"name":"a.pdf","type":"application/pdf","size":"12"}}""")]
    [InlineData("""{"_id":"a","alias":"Al","u":{"_id":"v","username":"x"},"files":[],"attachments":[{"title":"t","audio_url":"a.mp3","audio_type":"audio/mpeg"}],"t":false}""")]
    [InlineData("""{"_id":"a","ts":{"$date":"soon"},"editedAt":{"other":1},"u":{"_id":"x","username":"y"},"u":{"_id":"z"},"msg":"first","msg":"last"}""")]
    [InlineData("""{"_id":"a","ts":"2024-01-01T12:00:00.5+02:00","msg":"caf\u00e9 \ud83d\ude00 <b>","token":"t","alias":"A\u00e9"}""")]
    [InlineData("""{"_id":"a","files":[1,{"name":"b.txt","type":"text/plain","size":3.5}],"attachments":["x",{"title":7,"image_url":"/i.png","image_size":"9","token":"t"}]}""")]
    [InlineData("""{"_id":"a","files":{"name":"x"},"file":"y","attachments":{"title":"z"}}""")]
    [InlineData("""{"_id":"a","files":[{"name":"a"}],"files":[],"file":{"name":"f","token":"s","type":"image/gif"},"attachments":null}""")]
    [InlineData("""[{"token":"t"},1]""")]
    [InlineData("\"just text\"")]
    public void OddShapesMapAsTheElementMapperMappedThem(string json)
    {
        using var document = JsonDocument.Parse(json);

        var expected = ReferenceRocketChatMapper.MapMessage(document.RootElement, RocketChatMessages.Server, "c");
        var actual = RocketChatMessages.Map(json);

        Assert.Empty(MessageDifferences.Of(expected, actual));
    }
}
