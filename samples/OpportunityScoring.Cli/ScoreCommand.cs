using System.CommandLine;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Cli;

/// <summary><c>score &lt;file&gt;</c>: assesses a pipeline file.</summary>
internal static class ScoreCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("file") { Description = "The pipeline file (the contract's JSON)." };
        var format = new Option<string>("--format")
        {
            Description = "table (for people), json (one document {policy, assessments, errors}) or jsonl (one assessment per line).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "jsonl");
        var policyOption = CommonOptions.Policy();
        var outOption = new Option<FileInfo?>("--out") { Description = "Write the result to this file instead of standard output." };
        var command = new Command("score", "Grade, score and explain every opportunity of a pipeline.") { file, format, policyOption, outOption };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(policyOption), parse.GetValue(outOption), stdout, stderr));
        return command;
    }

    private static int Run(FileInfo file, string format, FileInfo? policyFile, FileInfo? outFile, TextWriter stdout, TextWriter stderr)
    {
        var policy = CommonOptions.LoadPolicy(policyFile, stderr);
        if (policy is null)
        {
            return CliApp.Unusable;
        }

        PipelineInput input;
        try
        {
            input = PipelineJsonReader.ReadFile(file.FullName);
        }
        catch (PipelineFormatException e)
        {
            stderr.WriteLine($"{file.Name}: {e.Message}");
            return CliApp.Unusable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"Cannot read {file.FullName}: {e.Message}");
            return CliApp.Unusable;
        }

        var scorer = OpportunityRules.CreateScorer(policy);
        var result = scorer.Score(input);
        Write(result, format, outFile, stdout);
        foreach (var error in result.Errors)
        {
            stderr.WriteLine($"rejected {error.Id ?? "record " + error.Index} (index {error.Index}), {error.Field}: {error.Message}");
        }

        return result.Errors.Count == 0 ? CliApp.Ok : CliApp.SomeRejected;
    }

    private static void Write(PipelineResult result, string format, FileInfo? outFile, TextWriter stdout)
    {
        if (format == "table")
        {
            if (outFile is null)
            {
                TableRenderer.Render(result, stdout);
            }
            else
            {
                using var writer = new StreamWriter(outFile.FullName);
                TableRenderer.Render(result, writer);
            }

            return;
        }

        using var buffer = outFile is null ? new MemoryStream() : null;
        using var stream = outFile is null ? null : File.Create(outFile.FullName);
        Stream target = (Stream?)stream ?? buffer!;
        if (format == "json")
        {
            AssessmentWriter.WriteDocument(result, target);
        }
        else
        {
            AssessmentWriter.WriteLines(result, target);
        }

        if (buffer is not null)
        {
            stdout.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            stdout.Flush();
        }
    }
}
