using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatHistory.Model;
using ChatHistory.Providers.Bitrix24;
using ChatHistory.Simulator;
using ChatHistory.Tests.Support;

namespace ChatHistory.Tests.Bitrix24;

/// <summary>
/// The one-pass history reader gives, for every session the simulator serves (alone and in a
/// batch answer) and for Bitrix24's own history sample (b24-rest-docs
/// imopenlines-session-history-get.md, ../shared/fixtures), the messages the JsonElement mapper it
/// replaced gave: field by field, Raw as parsed JSON.
/// </summary>
public class Bitrix24ReaderDifferentialTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private static readonly Uri Portal = new("https://b24-3b4hq4.bitrix24.com/");

    [Fact]
    public async Task EverySimulatedSessionReadsAsTheElementMapperMappedIt()
    {
        var host = simulator.Host;
        using var client = new HttpClient();
        var sessionIds = host.State.Bitrix24.Data.Sessions.Select(s => s.Id.ToString()).ToList();
        var differences = new List<string>();
        var compared = new List<ChatMessage>();

        foreach (var sessionId in sessionIds)
        {
            var answer = await PostAsync(client, DemoCredentials.Bitrix24WebhookUrl(host) + "imopenlines.session.history.get", new JsonObject { ["SESSION_ID"] = sessionId });
            using var document = JsonDocument.Parse(answer);
            var expected = ReferenceBitrix24Mapper.MapHistory(document.RootElement.GetProperty("result"), sessionId, Portal, "b24");

            var actual = Bitrix24Messages.Read(answer, sessionId, Portal, "b24")!;

            differences.AddRange(Compare(expected, actual));
            compared.AddRange(actual);
        }

        Assert.Empty(differences);
        Assert.True(compared.Count > 100, $"only {compared.Count} messages compared");
        // The comparison covered the shapes the simulator writes: files, attach blocks, every role.
        Assert.Contains(compared, m => m.Kind == ChatMessageKinds.Image);
        Assert.Contains(compared, m => m.Attachments.Any(a => a.Kind == "text"));
        Assert.Superset(
            new HashSet<ChatAuthorRole> { ChatAuthorRole.Visitor, ChatAuthorRole.Agent, ChatAuthorRole.Bot, ChatAuthorRole.System },
            compared.Select(m => m.AuthorRole).ToHashSet());
    }

    [Fact]
    public async Task ABatchAnswerReadsAsTheElementMapperMappedEachSession()
    {
        var host = simulator.Host;
        using var client = new HttpClient();
        var sessionIds = host.State.Bitrix24.Data.Sessions.Take(50).Select(s => s.Id.ToString()).ToList();
        var commands = new JsonObject();
        var sessionOf = new Dictionary<string, string>();
        for (var i = 0; i < sessionIds.Count; i++)
        {
            commands["s" + i] = "imopenlines.session.history.get?SESSION_ID=" + sessionIds[i];
            sessionOf["s" + i] = sessionIds[i];
        }

        var answer = await PostAsync(client, DemoCredentials.Bitrix24WebhookUrl(host) + "batch", new JsonObject { ["halt"] = 0, ["cmd"] = commands });
        using var document = JsonDocument.Parse(answer);
        var results = document.RootElement.GetProperty("result").GetProperty("result");

        var read = Bitrix24Answer<Bitrix24BatchAnswer>.Read(answer, Bitrix24BatchAnswer.Reader(sessionOf, Portal, "b24"));

        Assert.False(read.IsError);
        Assert.NotNull(read.Operating);
        Assert.Empty(read.Result!.Errors);
        Assert.Equal(sessionIds.Count, read.Result.Results.Count);
        foreach (var (key, sessionId) in sessionOf)
        {
            var expected = ReferenceBitrix24Mapper.MapHistory(results.GetProperty(key), sessionId, Portal, "b24");
            Assert.Empty(Compare(expected, read.Result.Results[key]));
        }
    }

    [Fact]
    public void TheVendorSampleReadsAsTheElementMapperMappedIt()
    {
        var answer = Encoding.UTF8.GetBytes(Fixtures.Read("bitrix24-session-history-get.json"));
        using var document = JsonDocument.Parse(answer);

        var expected = ReferenceBitrix24Mapper.MapHistory(document.RootElement.GetProperty("result"), "469", Portal, "prod");
        var actual = Bitrix24Messages.Read(answer, "469", Portal, "prod")!;

        Assert.Equal(9, actual.Count);
        Assert.Empty(Compare(expected, actual));
    }

    /// <summary>Shapes the simulator does not write, each compared with the element mapper.</summary>
    [Theory]
    [InlineData("""{"message":[{"id":2,"author_id":5,"date":"2024-01-01T10:00:00","text":7},{"id":"1","senderid":null,"date":1704103200,"text":true},"x"],"users":[{"id":5,"firstName":"Ann","bot":"Y"},{"name":"no id"}]}""")]
    [InlineData("""{"MESSAGE":{"3":{"ID":"3","SENDERID":"9","DATE":"01/02/2024 10:00","TEXT":"[b]hi[/b]","PARAMS":{"FILE_ID":"77","ATTACH":[{"BLOCKS":[{"LINK":[{"NAME":"n","LINK":"/l"}]}]}]}}},"USERS":{"9":{"ID":"9","NAME":"","externalauthid":"IMCONNECTOR"}},"FILES":{"77":{"id":"77","type":"audio","name":"a.mp3","size":"5","urldownload":"/f/77"}}}""")]
    [InlineData("""{"message":{"1":{"id":"1","senderid":"4","params":{"fileId":[],"FILE_ID":["8"],"attach":"just text"}},"2":{"id":"2","senderid":"4","params":{"fileId":null,"FILE_ID":[8,{"x":1},null]}}},"users":{"4":false},"files":[{"id":8,"type":"video","name":"v"}]}""")]
    [InlineData("""{"message":{"5":{"id":"5","senderid":"6","text":"caf\u00e9 \ud83d\ude00","params":{"attach":{"blocks":[{"message":"[i]quoted[/i]"},{"image":[{"name":"i","link":"https://x.test/i.png"}]},{"file":[{"name":"f","link":"f.pdf","size":"12"}]}]}}}},"users":{"6":{"id":"6","connector":"N","bot":1},"7":{"id":"7"}},"files":[]}""")]
    [InlineData("""{"message":{"9":{"id":"9","senderid":"2","text":"first","text":"last"}},"message":{"8":{"id":"8","senderid":"0","text":"only this"}},"users":{"2":{"id":"2","name":"A"}}}""")]
    [InlineData("""{"message":{"1":{"id":"1","senderid":"3"}},"users":{"3":{"id":"3","name":"A"},"3":{"id":"3","name":"B"}},"\u0075sers":{"3":{"\u0069d":"3","na\u006de":"C"}}}""")]
    [InlineData("""{"message":"none","users":[],"files":{}}""")]
    public void OddShapesReadAsTheElementMapperMappedThem(string result)
    {
        var answer = Encoding.UTF8.GetBytes("{\"result\":" + result + "}");
        using var document = JsonDocument.Parse(answer);

        var expected = ReferenceBitrix24Mapper.MapHistory(document.RootElement.GetProperty("result"), "1", Portal, "c");
        var actual = Bitrix24Messages.Read(answer, "1", Portal, "c")!;

        Assert.Empty(Compare(expected, actual));
    }

    private static List<string> Compare(IReadOnlyList<ChatMessage> expected, IReadOnlyList<ChatMessage> actual)
    {
        if (expected.Count != actual.Count)
        {
            return [$"expected {expected.Count} messages, got {actual.Count}"];
        }

        return expected.Zip(actual).SelectMany(pair => MessageDifferences.Of(pair.First, pair.Second)).ToList();
    }

    private static async Task<byte[]> PostAsync(HttpClient client, string url, JsonObject parameters)
    {
        using var response = await client.PostAsync(url, new StringContent(parameters.ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }
}
