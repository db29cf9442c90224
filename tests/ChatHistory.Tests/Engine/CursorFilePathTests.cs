using ChatHistory.Engine.Cursors;

namespace ChatHistory.Tests.Engine;

/// <summary>-CursorPath is checked before any request, so that a run never fails to save what it emitted.</summary>
public sealed class CursorFilePathTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("chathistory-cursorpath-").FullName;

    public static TheoryData<string, string> Unusable => new()
    {
        { "{dir}", "is a folder" },
        { "{dir}/missing-folder/cursor.json", "does not exist" },
        { "{dir}/a-file.txt/cursor.json", "does not exist (or is a file)" },
        { "{dir}/cur\0sor.json", "NUL" },
        { "   ", "empty" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void AnUnusablePathIsAnInvalidArgumentThatNamesIt(string template, string reason)
    {
        File.WriteAllText(Path.Combine(directory, "a-file.txt"), "x");
        var path = template.Replace("{dir}", directory, StringComparison.Ordinal);

        var error = Assert.Throws<ChatHistoryException>(() => CursorFilePath.Validate(path));

        Assert.Equal(ChatErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(reason, error.Message);
        Assert.Contains(path.Trim().Replace("\0", "\\0", StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain('\0', error.Message);
        Assert.NotNull(error.Hint);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public void AReadOnlyFileIsRefused()
    {
        var path = Path.Combine(directory, "cursor.json");
        File.WriteAllText(path, "{}");
        File.SetAttributes(path, FileAttributes.ReadOnly);
        try
        {
            var error = Assert.Throws<ChatHistoryException>(() => CursorFilePath.Validate(path));

            Assert.Contains("read-only", error.Message);
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.SetAttributes(path, FileAttributes.Normal);
        }
    }

    [Fact]
    public void AFileInAnExistingFolderIsAcceptedAsAFullPath()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(directory, "cursor.json"));

        Assert.Equal(Path.Combine(directory, "cursor.json"), CursorFilePath.Validate(relative));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
