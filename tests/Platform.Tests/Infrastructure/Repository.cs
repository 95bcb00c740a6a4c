namespace Platform.Tests.Infrastructure;

/// <summary>The checkout the tests were built from (the folder of Platform.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
