namespace ChatHistory.Tests.Support;

/// <summary>The vendors' sample responses in ../shared/fixtures, found from the repository root.</summary>
public static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static string Directory { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures");
            if (File.Exists(Path.Combine(dir.FullName, "ChatHistory.sln")) && System.IO.Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("../shared/fixtures was not found beside the repository.");
    }
}
