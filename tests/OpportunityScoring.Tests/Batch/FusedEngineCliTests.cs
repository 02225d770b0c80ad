using OpportunityScoring.Cli;

namespace OpportunityScoring.Tests.Batch;

/// <summary><c>score --engine fused</c> (issue 26, part 2): accepted, and the same bytes as the other engines file to file.</summary>
public sealed class FusedEngineCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("os-fused-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("csv")]
    public void Score_with_the_fused_engine_writes_the_same_bytes_as_the_compiled_and_rete_engines(string format)
    {
        var pipeline = Path.Combine(_dir, "p.jsonl");
        Assert.Equal(CliApp.Ok, Run("generate", "--count", "150", "--seed", "11", "--out", pipeline, "--format", "jsonl").Code);

        string Score(string engine)
        {
            var output = Path.Combine(_dir, $"{engine}.{format}");
            var (code, _, stderr) = Run("score", pipeline, "--input", "jsonl", "--format", format, "--out", output, "--as-of", "2027-01-10", "--engine", engine, "--explain");
            Assert.True(code == CliApp.Ok, stderr);
            return File.ReadAllText(output);
        }

        var fused = Score("fused");

        Assert.Equal(Score("compiled"), fused);
        Assert.Equal(Score("rete"), fused);
    }

    [Fact]
    public void An_unknown_engine_is_a_usage_error_that_lists_fused_among_the_engines()
    {
        var pipeline = Path.Combine(_dir, "p.jsonl");
        Assert.Equal(CliApp.Ok, Run("generate", "--count", "3", "--out", pipeline, "--format", "jsonl").Code);

        var (code, _, stderr) = Run("score", pipeline, "--input", "jsonl", "--engine", "turbo");

        Assert.Equal(CliApp.Unusable, code);
        Assert.Contains("fused", stderr, StringComparison.Ordinal);
    }
}
