using System.Text;
using System.Text.Json;
using ChatHistory.Providers;

namespace ChatHistory.Tests.Mapping;

public class RepeatedStringsTests
{
    [Fact]
    public void EqualValuesAreOneStringAndOthersStayApart()
    {
        var read = ReadAll("""["alice","al\u0069ce","bob","alice"]""", new RepeatedStrings());

        Assert.Equal(["alice", "alice", "bob", "alice"], read);
        Assert.Same(read[0], read[1]);
        Assert.Same(read[0], read[3]);
    }

    [Fact]
    public void AnEscapedFirstReadIsSharedWithPlainOnes()
    {
        var read = ReadAll("""["al\u0069ce","alice"]""", new RepeatedStrings());

        Assert.Equal("alice", read[0]);
        Assert.Same(read[0], read[1]);
    }

    [Fact]
    public void AManyAuthoredSessionStillReadsEveryName()
    {
        var names = Enumerable.Range(0, 40).Select(i => $"user{i}").ToList();

        var read = ReadAll("[" + string.Join(",", names.Select(n => $"\"{n}\"")) + "]", new RepeatedStrings());

        Assert.Equal(names, read);
    }

    private static List<string> ReadAll(string jsonArray, RepeatedStrings repeated)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(jsonArray));
        reader.Read();
        var read = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            read.Add(repeated.Of(ref reader));
        }

        return read;
    }
}
