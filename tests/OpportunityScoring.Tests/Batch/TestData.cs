using System.Text;
using System.Text.Json;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Batch;

internal static class TestData
{
    public static readonly DateOnly AsOf = new(2027, 1, 10);

    public static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OpportunityScoring.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine([dir?.FullName ?? throw new InvalidOperationException("repository root not found"), .. parts]);
    }

    public static string SamplePipeline => RepoFile("samples", "pipeline.json");

    public static List<Opportunity> Generated(int count, int seed = 11) => new PipelineGenerator(seed, AsOf).Generate(count).ToList();

    public static string Json(Opportunity? o) => JsonSerializer.Serialize(o, OpportunityJson.Writing);

    public static string Json(Assessment a) => JsonSerializer.Serialize(a, ContractJson.Options);

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    public static string GeneratedPipelineJson(int count, int seed = 11)
    {
        using var buffer = new MemoryStream();
        new PipelineGenerator(seed, AsOf).WriteJson(buffer, count);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
