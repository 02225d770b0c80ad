using System.Text;
using CsvHelper;
using OpportunityScoring.Cli;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>Runs the CLI in process, and the writers that inject a failure into it.</summary>
internal static class CliTestSupport
{
    /// <summary>The repro: a valid record, then one whose id is a lone surrogate escape.</summary>
    public const string LoneSurrogatePipeline =
        """{"opportunities":[{"id":"A","stage":"proposal","expectedContractAmount":5},{"id":"LS\ud800","stage":"proposal","expectedContractAmount":5}]}""";

    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The lines of a text, without the empty ones.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A JSON Lines pipeline of <paramref name="valid"/> generated opportunities followed by one record without an amount (rejected).</summary>
    public static void WritePipelineEndingInARejectedRecord(string path, int valid)
    {
        using (var stream = File.Create(path))
        {
            new PipelineGenerator(5, new DateOnly(2027, 1, 10)).WriteJsonLines(stream, valid);
        }

        File.AppendAllText(path, """{"id":"NO-AMOUNT","stage":"tender"}""" + "\n");
    }

    /// <summary>The rows of a CSV output (header first), read back with CsvHelper.</summary>
    public static List<string[]> CsvRows(string csv)
    {
        using var reader = CsvReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetString(i) ?? string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>A text writer that throws, as an unforeseen failure in the CLI's own code would, on the writes <paramref name="failsOn"/> picks.</summary>
/// <param name="failsOn">Whether a write of this text fails; <see langword="null"/> text is a single character.</param>
/// <param name="onFailure">Called just before the failure (to look at the outputs at that moment).</param>
internal sealed class FailingWriter(Func<string?, bool> failsOn, Action? onFailure = null) : StringWriter
{
    public int Failures { get; private set; }

    public override void Write(char value)
    {
        Check(null);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Check(new string(buffer, index, count));
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Check(new string(buffer));
        base.Write(buffer);
    }

    public override void Write(string? value)
    {
        Check(value);
        base.Write(value);
    }

    public override void WriteLine(string? value)
    {
        Check(value);
        base.WriteLine(value);
    }

    private void Check(string? text)
    {
        if (failsOn(text))
        {
            Failures++;
            onFailure?.Invoke();
            throw new InvalidOperationException("injected failure: the writer broke");
        }
    }
}
