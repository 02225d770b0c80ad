using OpportunityScoring.Cli;

namespace OpportunityScoring.Tests.Batch;

public sealed class CliBatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("os-batch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Generate_then_score_file_to_file_accounts_for_every_record_and_prints_the_summary_to_stderr()
    {
        var pipeline = Path.Combine(_dir, "p.jsonl");
        var output = Path.Combine(_dir, "out.jsonl");
        Assert.Equal(CliApp.Ok, Run("generate", "--count", "120", "--seed", "3", "--out", pipeline, "--format", "jsonl").Code);

        var (code, stdout, stderr) = Run("score", pipeline, "--input", "jsonl", "--format", "jsonl", "--out", output, "--as-of", "2027-01-10");

        Assert.Equal(CliApp.Ok, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(120, File.ReadLines(output).Count());
        Assert.Contains("Pipeline summary", stderr, StringComparison.Ordinal);
        Assert.Contains("records in", stderr, StringComparison.Ordinal);

        var second = Run("score", pipeline, "--input", "jsonl", "--format", "csv", "--previous", output, "--as-of", "2027-01-10", "--quiet");
        Assert.Equal(CliApp.Ok, second.Code);
        Assert.Equal(121, second.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(string.Empty, second.Err);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hant")]
    public void Json_lines_to_a_file_have_the_bytes_of_standard_output_and_of_the_library_writer(string culture)
    {
        // 400 explained assessments, ~3 MB: whole direct blocks and a tail (DirectFileStream), each line serialised on a
        // scoring core (BatchOptions.SerializeIn); standard output takes neither, the library writer below neither.
        var pipeline = Path.Combine(_dir, "p.jsonl");
        var output = Path.Combine(_dir, "out.jsonl");
        Assert.Equal(CliApp.Ok, Run("generate", "--count", "400", "--seed", "26", "--out", pipeline, "--format", "jsonl").Code);

        Assert.Equal(CliApp.Ok, Run("score", pipeline, "--input", "jsonl", "--format", "jsonl", "--culture", culture, "--out", output, "--as-of", "2027-01-10", "--quiet").Code);
        var stdout = Run("score", pipeline, "--input", "jsonl", "--format", "jsonl", "--culture", culture, "--as-of", "2027-01-10", "--quiet");

        var file = File.ReadAllText(output);
        Assert.True(file.Length > 2 << 20, $"{file.Length} characters");
        Assert.Equal(stdout.Out, file);
        Assert.Equal(Library(pipeline, Texts.For(culture)), file);
    }

    private static string Library(string pipeline, Texts texts)
    {
        using var source = Pipelines.PipelineSource.Open(Pipelines.PipelineFormat.JsonLines, pipeline);
        var run = new Pipelines.BatchScorer(Rules.OpportunityRules.CreateScorer()).Score(source.Records, new DateOnly(2027, 1, 10));
        using var buffer = new MemoryStream();
        using (var writer = new Pipelines.JsonLinesBatchWriter(buffer, texts))
        {
            foreach (var item in run)
            {
                writer.Write(item);
            }

            writer.Complete();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Score_json_to_stdout_stays_machine_readable_and_rejections_give_exit_code_1()
    {
        var pipeline = Path.Combine(_dir, "p.json");
        File.WriteAllText(pipeline, """{ "asOf": "2027-01-10", "opportunities": [ { "id": "X", "stage": "tender", "expectedContractAmount": 5 }, { "id": "Y", "stage": "tender" } ] }""");

        var (code, stdout, stderr) = Run("score", pipeline, "--format", "json");

        Assert.Equal(CliApp.SomeRejected, code);
        using var document = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(1, document.RootElement.GetProperty("assessments").GetArrayLength());
        Assert.Equal(1, document.RootElement.GetProperty("errors").GetArrayLength());
        Assert.Contains("rejected Y", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_gives_exit_code_2()
    {
        var pipeline = Path.Combine(_dir, "broken.json");
        File.WriteAllText(pipeline, "{ \"opportunities\": [ { \"id\": ");
        Assert.Equal(CliApp.Unusable, Run("score", pipeline, "--format", "json").Code);
        Assert.Equal(CliApp.Unusable, Run("score", Path.Combine(_dir, "missing.json")).Code);
    }

    [Fact]
    public void The_salesforce_input_scores_with_every_row_accounted_for_in_the_table_output()
    {
        var export = Path.Combine(_dir, "sf.csv");
        File.WriteAllText(export, "Id,Name,StageName,Amount,CloseDate,Type,IsClosed,IsWon\n"
            + "0061,One,Negotiation,1000,2027-02-01,New Business,,\n"
            + "0062,Two,Closed Won,2000,2026-02-01,Existing Business,1,1\n"
            + "0063,Three,Qualification,0,2027-02-01,New Business,,\n");

        var (code, stdout, _) = Run("score", export, "--input", "salesforce", "--as-of", "2027-01-10");

        Assert.Equal(CliApp.SomeRejected, code);
        Assert.Contains("2 assessed, 1 rejected", stdout, StringComparison.Ordinal);
        Assert.Contains("Pipeline summary", stdout, StringComparison.Ordinal);
    }
}
