using System.Text.Json;
using OpportunityScoring.Cli;
using OpportunityScoring.Tests.TestAssets;
using static OpportunityScoring.Tests.Hostile.CliTestSupport;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// Issue 24, finding 1 on the CLI's side: no exception escapes a verb. Anything unforeseen ends the run with exit code
/// 2 and one line on standard error, the output closed as a valid document; exit code 1 stays "some records rejected".
/// </summary>
public sealed class CliHostileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("os-hostile-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static TheoryData<string> Verbs() => ["score", "report", "whatif", "validate-policy", "ahp", "generate", "evaluate"];

    private string[] ArgumentsOf(string verb) => verb switch
    {
        "score" => ["score", Repo.SamplePipeline, "--format", "json"],
        "report" => ["report", Repo.SamplePipeline, "--id", "OPP-2027-0042"],
        "whatif" => ["whatif", Repo.SamplePipeline, "--policy", Repo.Path("rules", "default-policy.json")],
        "validate-policy" => ["validate-policy", Repo.Path("rules", "default-policy.json")],
        "ahp" => ["ahp", Repo.Path("samples", "ahp", "criteria.json")],
        "generate" => ["generate", "--count", "3", "--out", Path.Combine(_dir, "generated.json")],
        "evaluate" => ["evaluate", Write("history.csv", History.SalvirtFixture.Generated(60)), "--mapping", "salvirt", "--folds", "3"],
        _ => throw new ArgumentOutOfRangeException(nameof(verb)),
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Every_verb_ends_an_unforeseen_failure_with_exit_code_2_and_one_line_on_standard_error(string verb)
    {
        using var stdout = new FailingWriter(_ => true); // standard output breaks at the first write: nothing any verb foresees
        using var stderr = new StringWriter();

        var code = CliApp.Run(ArgumentsOf(verb), stdout, stderr);

        Assert.True(stdout.Failures > 0, "the failure was not injected");
        Assert.Equal(CliApp.Unusable, code);
        // evaluate's own report lines (progress, which mapped fields are scored) are not failures; the failure is one line.
        var line = Assert.Single(Lines(stderr.ToString()), l => !l.Contains("closed opportunities read", StringComparison.Ordinal)
            && !l.StartsWith("scored: ", StringComparison.Ordinal) && !l.StartsWith("read but unscored", StringComparison.Ordinal));
        Assert.Contains("unexpected error", line, StringComparison.Ordinal);
        Assert.Contains("injected failure", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score", "p.json", "--no-such-option")]
    [InlineData("score")]
    [InlineData("score", "p.json", "--format", "xml")]
    [InlineData("no-such-verb")]
    public void A_command_line_that_cannot_be_parsed_exits_with_code_2_not_the_code_of_rejected_records(params string[] args)
    {
        var (code, _, stderr) = Run(args);

        Assert.Equal(CliApp.Unusable, code);
        Assert.NotEqual(string.Empty, stderr);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("jsonl")]
    public void A_lone_surrogate_in_an_id_neither_crashes_score_nor_loses_a_record_silently(string format)
    {
        var pipeline = Write("r1.json", LoneSurrogatePipeline);

        var (code, stdout, stderr) = Run("score", pipeline, "--format", format, "--quiet");

        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace
        var (assessed, errors) = Read(format, stdout); // a valid, closed document
        // Every record is accounted for: assessed, rejected with its error, or at or after the (file) error that says
        // where the run stopped (exit 2); without a (file) error the run went through (exit 1: LS is rejected).
        var stop = errors.Where(e => e.Field == "(file)").Select(e => (int?)e.Index).SingleOrDefault();
        Assert.Equal(stop is null ? CliApp.SomeRejected : CliApp.Unusable, code);
        if (stop is not null)
        {
            Assert.Single(Lines(stderr));
        }

        var records = new[] { (Index: 0, Id: "A"), (Index: 1, Id: (string?)null) };
        foreach (var (index, id) in records.Where(r => stop is null || r.Index < stop))
        {
            Assert.True((id is not null && assessed.Contains(id)) || errors.Any(e => e.Index == index), $"record {index} is neither assessed nor rejected");
        }
    }

    [Theory]
    [InlineData("""{"assessments":[{"id":"LS\ud800","grade":"A","score":1}]}""")]
    [InlineData("""{"assessments":[{"id":"A","grade":"A","score":1,"reasons":[1]}]}""")]
    [InlineData("""{"assessments":[{"id":"A","grade":"A","score":1,"reasons":[{"rule":5,"points":1}]}]}""")]
    [InlineData("""{"id":"A","grade":"A","score":1,"reasons":[{"rule":"r","points":"many"}]}""")]
    public void A_hostile_previous_output_is_refused_with_exit_code_2_and_leaves_the_output_file_alone(string previousText)
    {
        var previous = Write("previous.json", previousText);
        var output = Write("out.csv", "the previous output\n");
        var before = File.ReadAllBytes(output);

        var (code, _, stderr) = Run("score", Repo.SamplePipeline, "--format", "csv", "--previous", previous, "--out", output, "--quiet");

        Assert.Equal(CliApp.Unusable, code);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith("Cannot use the previous output", line, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(output));
        Assert.Equal(["out.csv", "previous.json"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Report_and_whatif_on_a_hostile_pipeline_end_with_an_exit_code_and_a_message_not_a_stack_trace()
    {
        var pipeline = Write("r1.json", LoneSurrogatePipeline);

        foreach (var args in new[] { new[] { "report", pipeline, "--id", "A" }, ["whatif", pipeline, "--policy", Repo.Path("rules", "default-policy.json")] })
        {
            var (code, _, stderr) = Run(args);

            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
            if (code == CliApp.Unusable)
            {
                Assert.Single(Lines(stderr));
            }
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("csv")]
    public void An_unforeseen_failure_midway_closes_the_standard_output_document_and_accounts_for_every_record(string format)
    {
        var pipeline = Path.Combine(_dir, "p.jsonl");
        WritePipelineEndingInARejectedRecord(pipeline, 300);
        using var stdout = new StringWriter();
        using var stderr = new FailingWriter(text => text?.StartsWith("rejected", StringComparison.Ordinal) == true);

        var code = CliApp.Run(["score", pipeline, "--input", "jsonl", "--format", format, "--as-of", "2027-01-10"], stdout, stderr);

        Assert.Equal(1, stderr.Failures);
        Assert.Equal(CliApp.Unusable, code);
        var line = Assert.Single(Lines(stderr.ToString()));
        Assert.Contains("unexpected error at record 301", line, StringComparison.Ordinal);
        var (assessed, errors) = Read(format, stdout.ToString());
        Assert.Equal(300, assessed.Count);
        Assert.Collection(
            errors,
            e => Assert.Equal((300, "expectedContractAmount"), (e.Index, e.Field)),
            e => Assert.Equal((301, "(file)"), (e.Index, e.Field)));
    }

    [Fact]
    public void An_unforeseen_failure_after_the_output_was_started_leaves_the_previous_output_files_byte_identical()
    {
        var pipeline = Path.Combine(_dir, "p.jsonl");
        WritePipelineEndingInARejectedRecord(pipeline, 2000);
        var previous = Path.Combine(_dir, "previous.jsonl");
        Assert.Equal(CliApp.SomeRejected, Run("score", pipeline, "--input", "jsonl", "--format", "jsonl", "--out", previous, "--quiet").Code);
        var output = Write("out.json", """{"the previous output": true}""");
        var diff = Write("diff.json", """{"the previous diff": true}""");
        var (outputBefore, diffBefore) = (File.ReadAllBytes(output), File.ReadAllBytes(diff));
        var written = 0L;
        using var stdout = new StringWriter();
        using var stderr = new FailingWriter(
            text => text?.StartsWith("rejected", StringComparison.Ordinal) == true,
            () => written = new FileInfo(OutputFile.TemporaryPathFor(output)).Length);

        var code = CliApp.Run(["score", pipeline, "--input", "jsonl", "--format", "json", "--out", output, "--previous", previous, "--diff-out", diff, "--as-of", "2027-01-10"], stdout, stderr);

        Assert.Equal(CliApp.Unusable, code);
        Assert.True(written > 1 << 20, $"only {written} bytes were written before the failure");
        Assert.Equal(outputBefore, File.ReadAllBytes(output));
        Assert.Equal(diffBefore, File.ReadAllBytes(diff));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        Assert.Contains("left as they were", Assert.Single(Lines(stderr.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_that_breaks_off_still_replaces_the_output_with_its_closed_document_but_not_the_diff()
    {
        var pipeline = Write("cut.json", """{"opportunities":[{"id":"A","stage":"proposal","expectedContractAmount":5},{"id":"B","stage":"proposal","expectedContractAmount":5},{"id":""");
        var previous = Write("previous.jsonl", """{"id":"A","grade":"D","score":25}""" + "\n");
        var output = Write("out.json", "the previous output");
        var diff = Write("diff.json", "the previous diff");

        var (code, _, _) = Run("score", pipeline, "--format", "json", "--out", output, "--previous", previous, "--diff-out", diff, "--quiet");

        Assert.Equal(CliApp.Unusable, code);
        var (assessed, errors) = Read("json", File.ReadAllText(output));
        Assert.Equal(["A", "B"], assessed);
        Assert.Equal("(file)", Assert.Single(errors).Field);
        Assert.Equal("the previous diff", File.ReadAllText(diff)); // the diff of half a pipeline would call the rest removed
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    /// <summary>Parses an output (it must be a valid, closed document): the ids assessed and the errors, in order.</summary>
    private static (List<string> Assessed, List<InputError> Errors) Read(string format, string text)
    {
        var assessed = new List<string>();
        var errors = new List<InputError>();
        switch (format)
        {
            case "json":
                using (var document = JsonDocument.Parse(text))
                {
                    assessed.AddRange(document.RootElement.GetProperty("assessments").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
                    errors.AddRange(document.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.Deserialize<InputError>(ContractJson.Options)!));
                }

                break;
            case "jsonl":
                Assert.EndsWith("\n", text, StringComparison.Ordinal);
                foreach (var line in Lines(text))
                {
                    using var document = JsonDocument.Parse(line);
                    if (document.RootElement.TryGetProperty("error", out var error))
                    {
                        errors.Add(error.Deserialize<InputError>(ContractJson.Options)!);
                    }
                    else
                    {
                        assessed.Add(document.RootElement.GetProperty("id").GetString()!);
                    }
                }

                break;
            default:
                var rows = CsvRows(text);
                Assert.Equal(Pipelines.CsvBatchWriter.Header, rows[0]);
                foreach (var row in rows.Skip(1))
                {
                    Assert.Equal(rows[0].Length, row.Length);
                    if (row[2] == "assessed")
                    {
                        assessed.Add(row[1]);
                    }
                    else
                    {
                        var index = int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture);
                        errors.AddRange(row[^1].Split(" | ").Select(e => new InputError(row[1].Length == 0 ? null : row[1], index, e[..e.IndexOf(':', StringComparison.Ordinal)], e[(e.IndexOf(':', StringComparison.Ordinal) + 2)..])));
                    }
                }

                break;
        }

        return (assessed, errors);
    }
}
