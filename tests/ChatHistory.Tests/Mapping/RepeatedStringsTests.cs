using System.Text.Json;
using ChatHistory.Providers;

namespace ChatHistory.Tests.Mapping;

public class RepeatedStringsTests
{
    [Fact]
    public void EqualValuesAreOneStringAndOthersStayApart()
    {
        using var document = JsonDocument.Parse("""[{"u":"alice"},{"u":"al\u0069ce"},{"u":"bob"},{"u":42},{}]""");
        var items = document.RootElement.EnumerateArray().ToList();
        var repeated = new RepeatedStrings();

        var first = repeated.Of(items[0], "u");
        var escaped = repeated.Of(items[1], "u");

        Assert.Equal("alice", escaped);
        Assert.Same(first, escaped);
        Assert.Equal("bob", repeated.Of(items[2], "u"));
        Assert.Equal("42", repeated.Of(items[3], "u"));
        Assert.Null(repeated.Of(items[4], "u"));
    }

    [Fact]
    public void AManyAuthoredSessionStillReadsEveryName()
    {
        var repeated = new RepeatedStrings();
        var names = Enumerable.Range(0, 40).Select(i => $"user{i}").ToList();

        var read = names.Select(name =>
        {
            using var document = JsonDocument.Parse($$"""{"u":"{{name}}"}""");
            return repeated.Of(document.RootElement, "u")!;
        }).ToList();

        Assert.Equal(names, read);
    }
}
