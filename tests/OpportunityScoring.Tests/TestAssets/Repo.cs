namespace OpportunityScoring.Tests.TestAssets;

/// <summary>Paths in the repository (found by walking up to the solution file).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string SamplePipeline => Path("samples", "pipeline.json");

    /// <summary>The project's shared folder beside the repository (data, contract), when present.</summary>
    public static string Shared(params string[] parts) => System.IO.Path.Combine([System.IO.Path.GetDirectoryName(Root)!, "shared", .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "OpportunityScoring.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find OpportunityScoring.sln above " + AppContext.BaseDirectory);
    }
}
